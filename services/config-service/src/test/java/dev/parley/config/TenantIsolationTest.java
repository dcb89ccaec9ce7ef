package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.demo.DemoTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin of portal other can neither see, change nor use anything of portal demo. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class TenantIsolationTest {

    private static final String DEMO_ADMIN = TestTokens.admin(DemoTenants.DEMO_ADMIN.id(), DemoTenants.DEMO);
    private static final String OTHER_ADMIN = TestTokens.admin(DemoTenants.OTHER_ADMIN.id(), DemoTenants.OTHER);

    @Test
    void everyChatflowEndpointOfAnotherPortalIs404() {
        String id = DemoTenants.DEMO_WEBSITE_CHATFLOW;
        var body = Map.of("name", "Taken over", "kind", "WEBSITE");
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON).body(body)
                .put("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .patch("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).post("/api/v1/chatflows/" + id + "/publish").then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).post("/api/v1/chatflows/" + id + "/preview").then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/chatflows/" + id + "/versions").then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/chatflows/" + id + "/versions/1").then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).delete("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/chatflows").then().statusCode(200)
                .body("findAll { it.id == '" + id + "' }", hasSize(0));

        given().auth().oauth2(DEMO_ADMIN).get("/api/v1/chatflows/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("name", equalTo("Website chat"));
        given().queryParam("portalId", DemoTenants.DEMO).queryParam("url", "https://demo.test/")
                .get("/api/v1/widget/config").then().statusCode(200).body("chatflowId", equalTo(id));
    }

    @Test
    void everyInboxEndpointOfAnotherPortalIs404AndItsInboxesCannotBeUsed() {
        String inbox = DemoTenants.DEMO_INBOX;
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/inboxes/" + inbox).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "chatConnected", false))
                .put("/api/v1/inboxes/" + inbox).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).delete("/api/v1/inboxes/" + inbox).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/inboxes").then().statusCode(200)
                .body("findAll { it.id == '" + inbox + "' }", hasSize(0));

        // Creating is always in the caller's own portal: pointing at demo's inbox is refused.
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Sneaky", "kind", "WEBSITE", "settings", Map.of("inboxId", inbox)))
                .post("/api/v1/chatflows").then().statusCode(400).body("field", equalTo("settings.inboxId"));
        given().auth().oauth2(DEMO_ADMIN).get("/api/v1/inboxes/" + inbox).then().statusCode(200)
                .body("chatConnected", equalTo(true));
    }

    @Test
    void aChatflowCreatedByOtherLandsInOther() {
        String id = Api.chatflow(OTHER_ADMIN, Map.of("name", "Other's own", "kind", "WEBSITE"));
        given().auth().oauth2(DEMO_ADMIN).get("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/chatflows/" + id).then().statusCode(200);
    }

    @Test
    void agentsCannotAdministerAndThePortalComesFromTheToken() {
        String agent = TestTokens.agent(DemoTenants.DEMO_AGENT_1.id(), DemoTenants.DEMO);
        given().auth().oauth2(agent).get("/api/v1/chatflows").then().statusCode(403);
        given().auth().oauth2(agent).get("/api/v1/inboxes").then().statusCode(403);
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("timeZone", "UTC"))
                .patch("/api/v1/portal").then().statusCode(403);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/portal").then().statusCode(200)
                .body("id", equalTo(DemoTenants.OTHER));
    }
}
