package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.config.service.DemoSeeder;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.demo.DemoTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DemoSeedAndPortalTest {

    @Inject
    TestPortals portals;
    @Inject
    DemoSeeder seeder;

    @BeforeEach
    void portal() {
        portals.ensure("t-portal", "UTC");
    }

    @Test
    void theDemoWebsiteChatflowIsPublishedThroughKafkaAndShownEverywhere() {
        var records = Api.records(Topics.CHATFLOWS, DemoTenants.DEMO_WEBSITE_CHATFLOW, found -> !found.isEmpty());
        ChatflowPublished event = EventJson.read(records.get(0).value(), ChatflowPublished.class);
        ChatflowSettings s = event.snapshot().settings();
        assertThat(event.portalId()).isEqualTo(DemoTenants.DEMO);
        assertThat(event.snapshot().enabled()).isTrue();
        assertThat(event.snapshot().timeZone()).isEqualTo("Europe/Berlin");
        assertThat(s.inboxId()).isEqualTo(DemoTenants.DEMO_INBOX);
        assertThat(s.assignment().enabled()).isTrue();
        assertThat(s.assignment().teamIds()).containsExactly(DemoTenants.DEMO_SUPPORT_TEAM);
        assertThat(s.availability().mode()).isEqualTo("ALWAYS");
        assertThat(s.emailCapture().mode()).isEqualTo("NEVER");
        assertThat(s.consent().processing().basis()).isEqualTo("LEGITIMATE_INTEREST");
        assertThat(s.consent().processing().textHash()).hasSize(64);

        for (String device : List.of("DESKTOP", "TABLET", "PHONE")) {
            given().queryParam("portalId", DemoTenants.DEMO).queryParam("url", "https://any.test/page?q=1")
                    .queryParam("device", device).get("/api/v1/widget/config").then().statusCode(200)
                    .body("chatflowId", equalTo(DemoTenants.DEMO_WEBSITE_CHATFLOW))
                    .body("availability.state", equalTo("AVAILABLE"));
        }
        given().queryParam("portalId", DemoTenants.DEMO).queryParam("tag", DemoTenants.DEMO_MOBILE_TAG)
                .get("/api/v1/mobile/config").then().statusCode(200)
                .body("chatflowId", equalTo(DemoTenants.DEMO_MOBILE_CHATFLOW));
        given().queryParam("portalId", DemoTenants.OTHER).queryParam("url", "https://other.test/")
                .get("/api/v1/widget/config").then().statusCode(200)
                .body("chatflowId", equalTo(DemoTenants.OTHER_WEBSITE_CHATFLOW));
        var other = Api.records(Topics.CHATFLOWS, DemoTenants.OTHER_WEBSITE_CHATFLOW, found -> !found.isEmpty());
        assertThat(EventJson.read(other.get(0).value(), ChatflowPublished.class).snapshot().settings().assignment()
                .teamIds()).containsExactly(DemoTenants.OTHER_SUPPORT_TEAM);
    }

    @Test
    void seedingAgainChangesNothing() throws Throwable {
        String admin = TestTokens.admin(DemoTenants.DEMO_ADMIN.id(), DemoTenants.DEMO);
        seeder.seedNow();
        given().auth().oauth2(admin).get("/api/v1/chatflows/" + DemoTenants.DEMO_WEBSITE_CHATFLOW).then()
                .statusCode(200).body("publishedVersion", equalTo(1));
        given().auth().oauth2(admin).get("/api/v1/inboxes").then()
                .body("findAll { it.id == '" + DemoTenants.DEMO_INBOX + "' }.size()", equalTo(1));
    }

    @Test
    void portalTimeZoneAppearanceAndTrackingCode() {
        String admin = TestTokens.admin("portal-admin", "t-portal");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("timeZone", "Mars/Olympus"))
                .patch("/api/v1/portal").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("timeZone"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("timeZone", "Asia/Tokyo"))
                .patch("/api/v1/portal").then().statusCode(200).body("timeZone", equalTo("Asia/Tokyo"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("accentColor", "red", "position", "BOTTOM_LEFT"))
                .put("/api/v1/portal/widget-appearance").then().statusCode(400).body("field", equalTo("accentColor"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("accentColor", "#ff8800", "position", "BOTTOM_LEFT"))
                .put("/api/v1/portal/widget-appearance").then().statusCode(200)
                .body("widgetAppearance.accentColor", equalTo("#FF8800"));

        String inbox = Api.inbox(admin, true);
        String id = Api.chatflow(admin, Map.of("name", "Look", "kind", "WEBSITE", "enabled", true,
                "settings", Map.of("inboxId", inbox)));
        Api.publish(admin, id);
        given().auth().oauth2(admin).get("/api/v1/chatflows/" + id + "/versions/1").then()
                .body("snapshot.timeZone", equalTo("Asia/Tokyo"));
        given().queryParam("portalId", "t-portal").queryParam("url", "https://look.test/")
                .get("/api/v1/widget/config").then().statusCode(200)
                .body("appearance.accentColor", equalTo("#FF8800")).body("appearance.position", equalTo("BOTTOM_LEFT"));

        given().auth().oauth2(TestTokens.agent("portal-agent", "t-portal")).get("/api/v1/portal/tracking-code")
                .then().statusCode(200).body("portalId", equalTo("t-portal"))
                .body("snippet", containsString("<script")).body("snippet", containsString("portalId=t-portal"));
        given().get("/api/v1/portal/tracking-code").then().statusCode(401);
    }
}
