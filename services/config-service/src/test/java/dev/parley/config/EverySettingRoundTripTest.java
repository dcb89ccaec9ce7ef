package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.config.domain.PageContext;
import dev.parley.config.domain.SettingsDefaults;
import dev.parley.config.domain.Visitor;
import dev.parley.config.view.Rendered;
import dev.parley.config.view.ResolutionView;
import dev.parley.config.view.ViewLoader;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance criterion of issue 3, link by link: every setting of FEATURES.md (Chatflow, Build, Availability,
 * Target, Display, Options) set through the API is read back, is in the published snapshot on Kafka, and — the ones
 * meant for visitors — in the resolution answer, also from a view built from the database alone (the start-up path:
 * a restart).
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class EverySettingRoundTripTest {

    static final String PORTAL = "t-every";
    static final String ADMIN = TestTokens.admin("every-admin", PORTAL);
    /** Monday 10:30 in Berlin: inside the MONDAY 09:00-17:00 range of the settings. */
    static final Instant OPEN = Instant.parse("2026-11-16T09:30:00Z");

    @Inject
    TestPortals portals;
    @Inject
    TestClock clock;
    @Inject
    ViewLoader loader;

    @BeforeEach
    void portal() {
        portals.ensure(PORTAL, "UTC");
    }

    @AfterEach
    void realTime() {
        clock.release();
    }

    @Test
    void everySettingIsStoredPublishedAndShownToVisitorsAlsoAfterARestart() throws Throwable {
        // Portal-wide settings: time zone, widget appearance, the knowledge-base count that allows a KB chatflow.
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("timeZone", "Europe/Berlin"))
                .patch("/api/v1/portal").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("accentColor", "#aa5500", "position", "BOTTOM_LEFT"))
                .put("/api/v1/portal/widget-appearance").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("publishedArticles", 3))
                .put("/api/v1/portal/knowledge-base").then().statusCode(200);

        String inbox = Api.inbox(ADMIN, true);
        ObjectNode website = ChatflowApiTest.fullSettings(inbox);
        website.put("type", "KB_SEARCH_AND_LIVE_CHAT");
        website.set("knowledgeBase",
                EventJson.mapper().valueToTree(Map.of("enabled", true, "knowledgeBaseId", "kb-1")));
        ObjectNode mobile = website.deepCopy();
        mobile.remove("targeting");
        mobile.put("mobileTag", "every-app");
        String web = Api.chatflow(ADMIN, Api.json(Map.of("name", "Everything", "kind", "WEBSITE", "enabled", true,
                "priority", 7, "settings", website)));
        String app = Api.chatflow(ADMIN, Api.json(Map.of("name", "Everything app", "kind", "MOBILE",
                "enabled", true, "priority", 3, "settings", mobile)));

        // 1. Read back exactly as set.
        readBack(web, "Everything", "WEBSITE", 7, website);
        readBack(app, "Everything app", "MOBILE", 3, mobile);
        given().auth().oauth2(ADMIN).get("/api/v1/portal").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin")).body("widgetAppearance.accentColor", equalTo("#AA5500"))
                .body("widgetAppearance.position", equalTo("BOTTOM_LEFT")).body("knowledgeBaseArticles", equalTo(3));

        // 2. Published: the snapshot on Kafka (and the stored version) carries every setting.
        Api.surveyKnown(PORTAL, "survey-1");
        Api.publishOnceSurveyKnown(ADMIN, web);
        Api.publish(ADMIN, app);
        inSnapshot(published(web), "Everything", "WEBSITE", 7, website);
        inSnapshot(published(app), "Everything app", "MOBILE", 3, mobile);
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + web + "/versions").then().statusCode(200)
                .body("version", contains(1));
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + web + "/versions/1").then().statusCode(200)
                .body("snapshot.settings.consent.processing.textHash", equalTo(SettingsDefaults.sha256("We process")));

        // 3. The public ones in the resolution answer.
        clock.pin(OPEN);
        String desktop = widget("https://acme.test/pricing", "DESKTOP", "").then().statusCode(200)
                .body("chatflowId", equalTo(web)).body("version", equalTo(1)).body("kind", equalTo("WEBSITE"))
                .body("type", equalTo("KB_SEARCH_AND_LIVE_CHAT")).body("language", equalTo("en"))
                .body("welcomeMessage", equalTo("Hi <b>there</b>"))
                .body("availability.state", equalTo("AVAILABLE"))
                .body("availability.typicalResponseTime", equalTo("FEW_HOURS"))
                .body("emailCapture.mode", equalTo("BEFORE_CHAT")).body("emailCapture.prompt", equalTo("Your email?"))
                .body("knowledgeBaseSearch", equalTo(true))
                .body("header.mode", equalTo("CONTACT_OWNER")).body("header.brandName", equalTo("Acme"))
                .body("header.brandImageUrl", equalTo("https://acme.test/logo.png"))
                .body("header.brandAsAgentAlias", equalTo(true)).body("header.ownerFallbackMode", equalTo("BRAND"))
                .body("display.behaviour", equalTo("PROMPT_THEN_OPEN"))
                .body("display.desktopBehaviour", equalTo("PROMPT_THEN_OPEN"))
                .body("display.mobileBehaviour", equalTo("LAUNCHER_ONLY"))
                .body("display.triggers.exitIntent", equalTo(true))
                .body("display.triggers.timeOnPageSeconds", equalTo(5))
                .body("display.triggers.scrollPercent", equalTo(50))
                .body("display.showCloseButton", equalTo(true))
                .body("appearance.accentColor", equalTo("#AA5500"))
                .body("appearance.position", equalTo("BOTTOM_LEFT"))
                .body("consent.cookieBanner.mode", equalTo("BEFORE_CHAT"))
                .body("consent.cookieBanner.text", equalTo("Cookies?"))
                .body("consent.cookieBanner.textHash", equalTo(SettingsDefaults.sha256("Cookies?")))
                .body("consent.processing.mode", equalTo("EXPLICIT"))
                .body("consent.processing.text", equalTo("We process"))
                .body("consent.processing.textHash", equalTo(SettingsDefaults.sha256("We process")))
                .body("consent.communication.mode", equalTo("ON"))
                .body("consent.communication.text", equalTo("Send me news"))
                .body("consent.communication.textHash", equalTo(SettingsDefaults.sha256("Send me news")))
                .extract().asString();
        assertThat(desktop).doesNotContain("u1", "t1", inbox, "survey-1", "newsletter", "kb-1", "assignment",
                "targeting", "marketingContact", "priority");
        // Triggers per device (DESKTOP and TABLET chosen), the mobile behaviour on a tablet.
        widget("https://acme.test/pricing", "TABLET", "").then().statusCode(200)
                .body("display.behaviour", equalTo("LAUNCHER_ONLY"))
                .body("display.triggers.scrollPercent", equalTo(50));
        // Targeting: URL rule, query-parameter rule, exclusions (regex, device), visitor filter groups.
        widget("https://elsewhere.test/landing?utm=ads", "DESKTOP", "").then().statusCode(200);
        widget("https://elsewhere.test/landing?utm=mail", "DESKTOP", "").then().statusCode(204);
        widget("https://acme.test/privacy-policy", "DESKTOP", "").then().statusCode(204);
        widget("https://acme.test/pricing", "PHONE", "").then().statusCode(204);
        widget("https://acme.test/pricing", "DESKTOP", "&known=true&visitor.lifecycleStage=lead").then()
                .statusCode(204);
        widget("https://acme.test/pricing", "DESKTOP", "&known=true&visitor.lifecycleStage=customer").then()
                .statusCode(200).body("consent.cookieBanner.mode", equalTo("OFF"));
        // Business hours in the portal's zone, the overnight range, the holiday and the away behaviour.
        clock.pin(Instant.parse("2026-12-18T21:30:00Z")); // Friday 22:30 in Berlin: FRIDAY 22:00-02:00
        widget("https://acme.test/pricing", "DESKTOP", "").then().body("availability.state", equalTo("AVAILABLE"));
        // The same hour on the holiday 2026-12-25; open again at midnight (the range runs on into Saturday).
        clock.pin(Instant.parse("2026-12-25T21:30:00Z"));
        widget("https://acme.test/pricing", "DESKTOP", "").then().body("availability.state", equalTo("AWAY"))
                .body("availability.message", equalTo("Back at nine"))
                .body("availability.returnsAt", equalTo("2026-12-25T23:00:00Z"));
        // The mobile chatflow by its tag.
        clock.pin(OPEN);
        String phone = given().queryParam("portalId", PORTAL).queryParam("tag", "every-app")
                .get("/api/v1/mobile/config").then().statusCode(200).body("chatflowId", equalTo(app))
                .body("display.behaviour", equalTo("LAUNCHER_ONLY")).extract().asString();
        // At capacity (routing's word) shows the waiting message.
        Api.send(AvailabilityChanged.of(PORTAL, web, "AT_CAPACITY"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> widget("https://acme.test/pricing", "DESKTOP",
                "").then().body("availability.state", equalTo("AT_CAPACITY"))
                .body("availability.message", equalTo("Busy")));
        String atCapacity = widget("https://acme.test/pricing", "DESKTOP", "").then().extract().asString();
        // The broadcast channel may show it before the shared group has stored it; a restart reads the stored state.
        await().atMost(Duration.ofSeconds(30)).until(() -> "AT_CAPACITY".equals(storedState(web)));

        // 4. A restart: a view built from the database alone (what start-up does) gives the same answers.
        ResolutionView restarted = new ResolutionView(loader, clock);
        VertxContextSupport.subscribeAndAwait(restarted::rebuild);
        assertThat(json(restarted.widget(PORTAL, PageContext.of("https://acme.test/pricing", "DESKTOP"),
                Visitor.ANONYMOUS))).isEqualTo(EventJson.mapper().readTree(atCapacity));
        assertThat(json(restarted.mobile(PORTAL, "every-app"))).isEqualTo(EventJson.mapper().readTree(phone));
        assertThat(restarted.widget(PORTAL, PageContext.of("https://acme.test/privacy-policy", "DESKTOP"),
                Visitor.ANONYMOUS)).isEmpty();
        assertThat(json(restarted.widget(PORTAL, PageContext.of("https://acme.test/pricing", "DESKTOP"),
                Visitor.ANONYMOUS)).at("/consent/processing/text").asText()).isEqualTo("We process");
        assertThat(desktop).isNotEqualTo(atCapacity); // the fresh view also kept routing's stored state
    }

    /** routing's state for the chatflow as the shared consumer stored it. */
    private static String storedState(String chatflowId) {
        try {
            List<Object[]> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Sql.rows(
                    "select state, changed_at from chatflow_availability where chatflow_id = ?1", chatflowId)));
            return rows.isEmpty() ? null : (String) rows.get(0)[0];
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readBack(String id, String name, String kind, int priority, ObjectNode settings)
            throws Exception {
        JsonNode stored = EventJson.mapper().readTree(given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + id)
                .then().statusCode(200).body("name", equalTo(name)).body("kind", equalTo(kind))
                .body("enabled", equalTo(true)).body("priority", equalTo(priority)).extract().asString());
        assertThat(EventJson.mapper().treeToValue(stored.get("settings"), ChatflowSettings.class))
                .isEqualTo(EventJson.mapper().treeToValue(settings, ChatflowSettings.class));
    }

    private static ChatflowPublished published(String id) {
        var records = Api.records(Topics.CHATFLOWS, id, found -> !found.isEmpty());
        return EventJson.read(records.get(0).value(), ChatflowPublished.class);
    }

    /** The snapshot holds the settings as set; the consent texts also get their hashes. */
    private static void inSnapshot(ChatflowPublished event, String name, String kind, int priority,
                                   ObjectNode settings) throws Exception {
        ChatflowSnapshot s = event.snapshot();
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.kind()).isEqualTo(kind);
        assertThat(s.enabled()).isTrue();
        assertThat(s.priority()).isEqualTo(priority);
        assertThat(s.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.settings()).usingRecursiveComparison()
                .ignoringFields("consent.cookieBanner.textHash", "consent.processing.textHash",
                        "consent.communication.textHash")
                .isEqualTo(EventJson.mapper().treeToValue(settings, ChatflowSettings.class));
        assertThat(s.settings().consent().cookieBanner().textHash()).isEqualTo(SettingsDefaults.sha256("Cookies?"));
        assertThat(s.settings().consent().processing().textHash()).isEqualTo(SettingsDefaults.sha256("We process"));
        assertThat(s.settings().consent().communication().textHash())
                .isEqualTo(SettingsDefaults.sha256("Send me news"));
    }

    private static Response widget(String url, String device, String visitorQuery) {
        return given().urlEncodingEnabled(false).get("/api/v1/widget/config?portalId=" + PORTAL + "&device="
                + device + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + visitorQuery);
    }

    private static JsonNode json(Optional<Rendered> rendered) throws Exception {
        assertThat(rendered).isPresent();
        return EventJson.mapper().readTree(rendered.get().body());
    }
}
