package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.config.domain.SettingsDefaults;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class WidgetResolutionTest {

    static final String PORTAL = "t-widget";
    static final String ADMIN = TestTokens.admin("widget-admin", PORTAL);

    @Inject
    TestPortals portals;
    @Inject
    TestClock clock;

    @BeforeEach
    void portal() {
        portals.ensure(PORTAL, "Europe/Berlin");
    }

    @AfterEach
    void realTime() {
        clock.release();
    }

    private static Map<String, Object> settings(String inbox, Map<String, Object> more) {
        var s = new java.util.HashMap<String, Object>(Map.of("inboxId", inbox,
                "assignment", Map.of("enabled", true, "userIds", List.of("secret-user"), "teamIds", List.of("t9")),
                "surveyId", "survey-secret"));
        s.putAll(more);
        return s;
    }

    private static String published(String name, int priority, Map<String, Object> settings) {
        String id = Api.chatflow(ADMIN, Map.of("name", name, "kind", "WEBSITE", "enabled", true,
                "priority", priority, "settings", settings));
        Api.surveyKnown(PORTAL, "survey-secret");
        Api.publishOnceSurveyKnown(ADMIN, id);
        return id;
    }

    private static Response widget(String url, String device) {
        return given().queryParam("portalId", PORTAL).queryParam("url", url).queryParam("device", device)
                .get("/api/v1/widget/config");
    }

    private static Map<String, Object> rules(String host) {
        return Map.of("rules", List.of(Map.of("kind", "URL", "op", "STARTS_WITH", "value", "https://" + host + "/")),
                "exclusions", List.of(Map.of("kind", "URL", "op", "CONTAINS", "value", "/privacy"),
                        Map.of("kind", "DEVICE", "op", "IS", "value", "PHONE")));
    }

    @Test
    void matchingPagesGetPublicSettingsOnlyAndExcludedPagesNothing() {
        String inbox = Api.inbox(ADMIN, true);
        String id = published("Shop", 10, settings(inbox, Map.of("targeting", rules("shop.test"),
                "welcomeMessage", "<script>alert('x')</script> Hi")));

        String body = widget("https://shop.test/cart?x=1", "DESKTOP").then().statusCode(200)
                .header("ETag", notNullValue()).header("Cache-Control", "public, max-age=30")
                .header("Access-Control-Allow-Origin", "*")
                .body("chatflowId", equalTo(id)).body("version", equalTo(1))
                .body("welcomeMessage", equalTo("<script>alert('x')</script> Hi"))
                .body("availability.state", equalTo("AVAILABLE"))
                .body("appearance.accentColor", equalTo("#2D6CDF"))
                .extract().asString();
        assertThat(body).doesNotContain("secret-user", "t9", "survey-secret", inbox, "assignment", "targeting",
                "inboxId", "marketingContact", "subscriptionType");

        widget("https://shop.test/privacy", "DESKTOP").then().statusCode(204);
        widget("https://shop.test/cart", "PHONE").then().statusCode(204);
        widget("https://elsewhere.test/cart", "DESKTOP").then().statusCode(204);
        given().queryParam("portalId", "no-such-portal").queryParam("url", "https://shop.test/")
                .get("/api/v1/widget/config").then().statusCode(204);
    }

    @Test
    void etagsAnswerNotModified() {
        String inbox = Api.inbox(ADMIN, true);
        published("Etag", 10, settings(inbox, Map.of("targeting", rules("etag.test"))));
        String etag = widget("https://etag.test/", "DESKTOP").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).queryParam("portalId", PORTAL)
                .queryParam("url", "https://etag.test/").queryParam("device", "DESKTOP")
                .get("/api/v1/widget/config").then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"stale\"").queryParam("portalId", PORTAL)
                .queryParam("url", "https://etag.test/").get("/api/v1/widget/config").then().statusCode(200);
    }

    @Test
    void priorityDraftsToggleAndPriorityChanges() {
        String inbox = Api.inbox(ADMIN, true);
        var targeting = Map.<String, Object>of("targeting", rules("prio.test"));
        String low = published("Low", 20, settings(inbox, targeting));
        String high = published("High", 30, settings(inbox, Map.of("targeting", rules("prio.test"),
                "welcomeMessage", "v1")));
        widget("https://prio.test/", null).then().statusCode(200).body("chatflowId", equalTo(high));

        // A draft edit does not leak; its publish does.
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "High", "kind", "WEBSITE",
                        "settings", settings(inbox, Map.of("targeting", rules("prio.test"), "welcomeMessage", "v2"))))
                .put("/api/v1/chatflows/" + high).then().statusCode(200);
        widget("https://prio.test/", null).then().body("welcomeMessage", equalTo("v1")).body("version", equalTo(1));
        Api.publish(ADMIN, high);
        widget("https://prio.test/", null).then().body("welcomeMessage", equalTo("v2")).body("version", equalTo(2));
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + high + "/versions").then()
                .body("version", org.hamcrest.Matchers.contains(2, 1));

        // Live switches: no publish needed.
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("priority", 10))
                .patch("/api/v1/chatflows/" + high).then().statusCode(200);
        widget("https://prio.test/", null).then().body("chatflowId", equalTo(low));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .patch("/api/v1/chatflows/" + low).then().statusCode(200);
        widget("https://prio.test/", null).then().body("chatflowId", equalTo(high));
        given().auth().oauth2(ADMIN).delete("/api/v1/chatflows/" + high).then().statusCode(204);
        widget("https://prio.test/", null).then().statusCode(204);
    }

    @Test
    void businessHoursFollowTheInjectedClockAndPortalTimeZone() {
        String inbox = Api.inbox(ADMIN, true);
        published("Hours", 10, settings(inbox, Map.of("targeting", rules("hours.test"),
                "availability", Map.of("mode", "BUSINESS_HOURS", "typicalResponseTime", "FEW_MINUTES",
                        "hours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "17:00")),
                        "away", Map.of("behaviour", "SHOW_RETURN_TIME", "message", "Back Monday")))));
        clock.pin(Instant.parse("2026-11-16T08:30:00Z")); // Monday 09:30 in Berlin
        widget("https://hours.test/", null).then().statusCode(200).body("availability.state", equalTo("AVAILABLE"))
                .body("availability.typicalResponseTime", equalTo("FEW_MINUTES"));
        clock.pin(Instant.parse("2026-11-16T16:30:00Z")); // 17:30 in Berlin
        widget("https://hours.test/", null).then().statusCode(200).body("availability.state", equalTo("AWAY"))
                .body("availability.message", equalTo("Back Monday"))
                .body("availability.returnsAt", equalTo("2026-11-23T08:00:00Z"))
                .body("availability.typicalResponseTime", nullValue());
    }

    @Test
    void routingsAvailabilityArrivesThroughKafkaAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        String inbox = Api.inbox(ADMIN, true);
        String id = published("Capacity", 10, settings(inbox, Map.of("targeting", rules("capacity.test"),
                "availability", Map.of("mode", "USERS",
                        "atCapacity", Map.of("behaviour", "SHOW_WAITING_MESSAGE", "message", "Hold on")))));
        widget("https://capacity.test/", null).then().body("availability.state", equalTo("AWAY"));

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.AVAILABILITY, id, "{\"type\":\"AvailabilityChanged\",")).get();
            AvailabilityChanged full = AvailabilityChanged.of(PORTAL, id, "AT_CAPACITY");
            producer.send(new ProducerRecord<>(Topics.AVAILABILITY, id, EventJson.write(full))).get();
            producer.send(new ProducerRecord<>(Topics.AVAILABILITY, id, EventJson.write(full))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> widget("https://capacity.test/", null).then()
                .body("availability.state", equalTo("AT_CAPACITY")).body("availability.message", equalTo("Hold on")));
        var dead = Api.records(Topics.dlq(Topics.AVAILABILITY), id, found -> !found.isEmpty());
        assertThat(dead.get(0).value()).startsWith("{\"type\":\"AvailabilityChanged\",");
    }

    @Test
    void mobileResolvesByTagAndHighestPriority() {
        String inbox = Api.inbox(ADMIN, true);
        String low = Api.chatflow(ADMIN, Map.of("name", "App low", "kind", "MOBILE", "enabled", true, "priority", 1,
                "settings", Map.of("inboxId", inbox, "mobileTag", "shop-app")));
        String high = Api.chatflow(ADMIN, Map.of("name", "App high", "kind", "MOBILE", "enabled", true,
                "priority", 2, "settings", Map.of("inboxId", inbox, "mobileTag", "shop-app")));
        Api.publish(ADMIN, low);
        given().queryParam("portalId", PORTAL).queryParam("tag", "shop-app").get("/api/v1/mobile/config")
                .then().statusCode(200).body("chatflowId", equalTo(low)).body("kind", equalTo("MOBILE"));
        Api.publish(ADMIN, high);
        given().queryParam("portalId", PORTAL).queryParam("tag", "shop-app").get("/api/v1/mobile/config")
                .then().statusCode(200).body("chatflowId", equalTo(high));
        given().queryParam("portalId", PORTAL).queryParam("tag", "other-app").get("/api/v1/mobile/config")
                .then().statusCode(204);
    }

    @Test
    void previewResolvesTheDraftPerDeviceAndUrl() {
        String inbox = Api.inbox(ADMIN, true);
        String id = Api.chatflow(ADMIN, Map.of("name", "Preview", "kind", "WEBSITE", "settings",
                settings(inbox, Map.of("targeting", rules("preview.test"), "welcomeMessage", "Draft hello",
                        "display", Map.of("desktopBehaviour", "PROMPT", "mobileBehaviour", "LAUNCHER_ONLY",
                                "showCloseButton", true)))));
        given().auth().oauth2(ADMIN).queryParam("device", "DESKTOP").queryParam("url", "https://preview.test/a")
                .post("/api/v1/chatflows/" + id + "/preview").then().statusCode(200)
                .body("matches", equalTo(true)).body("config.welcomeMessage", equalTo("Draft hello"))
                .body("config.display.behaviour", equalTo("PROMPT"));
        given().auth().oauth2(ADMIN).queryParam("device", "TABLET").queryParam("url", "https://preview.test/a")
                .post("/api/v1/chatflows/" + id + "/preview").then().statusCode(200)
                .body("config.display.behaviour", equalTo("LAUNCHER_ONLY"));
        given().auth().oauth2(ADMIN).queryParam("device", "PHONE").queryParam("url", "https://preview.test/a")
                .post("/api/v1/chatflows/" + id + "/preview").then().body("matches", equalTo(false));
        given().auth().oauth2(ADMIN).queryParam("device", "FRIDGE")
                .post("/api/v1/chatflows/" + id + "/preview").then().statusCode(400).body("field", equalTo("device"));
        widget("https://preview.test/a", null).then().statusCode(204);
    }

    @Test
    void visitorFiltersComeFromTheQuery() {
        String inbox = Api.inbox(ADMIN, true);
        String id = published("Customers", 10, settings(inbox, Map.of("targeting", Map.of(
                "rules", List.of(Map.of("kind", "URL", "op", "STARTS_WITH", "value", "https://vip.test/")),
                "visitorFilterGroups", List.of(List.of(Map.of("property", "KNOWN_CONTACT"),
                        Map.of("property", "lifecycleStage", "op", "IS", "value", "customer")))))));
        widget("https://vip.test/", null).then().statusCode(204);
        given().queryParam("portalId", PORTAL).queryParam("url", "https://vip.test/").queryParam("known", true)
                .queryParam("visitor.lifecycleStage", "customer").get("/api/v1/widget/config")
                .then().statusCode(200).body("chatflowId", equalTo(id));
        given().queryParam("portalId", PORTAL).queryParam("url", "https://vip.test/").queryParam("known", true)
                .queryParam("visitor.lifecycleStage", "lead").get("/api/v1/widget/config").then().statusCode(204);
    }

    @Test
    void identifiedVisitorsAreNotAskedTheCookieBannerAgain() {
        String inbox = Api.inbox(ADMIN, true);
        published("Banner", 10, settings(inbox, Map.of("targeting", rules("banner.test"),
                "consent", Map.of("cookieBanner", Map.of("timing", "BEFORE_CHAT", "text", "Cookies, fine?")))));
        widget("https://banner.test/", null).then().statusCode(200)
                .body("consent.cookieBanner.mode", equalTo("BEFORE_CHAT"))
                .body("consent.cookieBanner.text", equalTo("Cookies, fine?"))
                .body("consent.cookieBanner.textHash", equalTo(SettingsDefaults.sha256("Cookies, fine?")));
        given().queryParam("portalId", PORTAL).queryParam("url", "https://banner.test/").queryParam("known", true)
                .get("/api/v1/widget/config").then().statusCode(200)
                .body("consent.cookieBanner.mode", equalTo("OFF"))
                .body("consent.cookieBanner.text", nullValue())
                .body("consent.processing.mode", notNullValue());
    }

    @Test
    void badResolutionRequestsNameTheParameter() {
        given().queryParam("url", "https://x.test/").get("/api/v1/widget/config").then().statusCode(400)
                .body("field", equalTo("portalId"));
        given().queryParam("portalId", PORTAL).get("/api/v1/widget/config").then().statusCode(400)
                .body("field", equalTo("url"));
        given().queryParam("portalId", PORTAL).queryParam("url", "https://x.test/").queryParam("device", "WATCH")
                .get("/api/v1/widget/config").then().statusCode(400).body("field", equalTo("device"));
        given().get("/api/v1/widget/ping").then().statusCode(200).body(equalTo("ok"));
    }
}
