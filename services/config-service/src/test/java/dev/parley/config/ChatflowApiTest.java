package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.config.domain.SettingsDefaults;
import dev.parley.config.domain.SettingsValidatorTest;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ChatflowDeleted;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ChatflowApiTest {

    static final String PORTAL = "t-api";
    static final String ADMIN = TestTokens.admin("api-admin", PORTAL);

    @Inject
    TestPortals portals;

    @BeforeEach
    void portal() {
        portals.ensure(PORTAL, "Europe/Berlin");
    }

    /** The full valid settings of the validator test, pointed at a real inbox of the portal. */
    static ObjectNode fullSettings(String inboxId) throws Exception {
        ObjectNode s = (ObjectNode) EventJson.mapper().readTree(SettingsValidatorTest.VALID);
        s.put("inboxId", inboxId);
        return s;
    }

    static Map<String, Object> body(String name, Object settings) {
        return Map.of("name", name, "kind", "WEBSITE", "enabled", true, "priority", 3, "settings", settings);
    }

    // Every setting through the API, the snapshot, the resolution answer and a restart: EverySettingRoundTripTest.

    @Test
    void emptyTextsTakeTheLanguagesDefaultsAtPublish() throws Exception {
        String inbox = Api.inbox(ADMIN, true);
        String id = Api.chatflow(ADMIN, Api.json(body("Defaults", Map.of("inboxId", inbox, "language", "de",
                "consent", Map.of("processing", Map.of("basis", "EXPLICIT"))))));
        Api.publish(ADMIN, id);
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + id + "/versions/1").then().statusCode(200)
                .body("snapshot.settings.welcomeMessage", equalTo("Hallo! Wie können wir Ihnen helfen?"))
                .body("snapshot.settings.consent.processing.textHash", equalTo(SettingsDefaults.sha256(
                        "Wir verarbeiten die Angaben aus diesem Chat, um Ihre Anfrage zu beantworten.")))
                .body("snapshot.settings.availability.mode", equalTo("ALWAYS"));
    }

    @Test
    void deletingAnnouncesTheDeletionThenATombstone() {
        String inbox = Api.inbox(ADMIN, true);
        String id = Api.chatflow(ADMIN, Api.json(body("Short-lived", Map.of("inboxId", inbox))));
        Api.publish(ADMIN, id);
        given().auth().oauth2(ADMIN).delete("/api/v1/chatflows/" + id).then().statusCode(204);

        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(ADMIN).delete("/api/v1/chatflows/" + id).then().statusCode(404);
        var records = Api.records(Topics.CHATFLOWS, id, found -> found.size() >= 3);
        assertThat(EventJson.read(records.get(0).value())).isInstanceOf(ChatflowPublished.class);
        assertThat(EventJson.read(records.get(1).value())).isInstanceOf(ChatflowDeleted.class);
        assertThat(records.get(2).value()).isNull();
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows").then().statusCode(200)
                .body("findAll { it.id == '" + id + "' }", hasSize(0));
    }

    @Test
    void inboxesNeedAConnectedChatChannelAndCannotBePulledFromUnderAChatflow() {
        String off = Api.inbox(ADMIN, false);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Api.json(body("No channel", Map.of("inboxId", off))))
                .post("/api/v1/chatflows").then().statusCode(400).body("field", equalTo("settings.inboxId"));
        String on = Api.inbox(ADMIN, true);
        Api.chatflow(ADMIN, Api.json(body("Uses it", Map.of("inboxId", on))));
        given().auth().oauth2(ADMIN).delete("/api/v1/inboxes/" + on).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Support", "chatConnected", false))
                .put("/api/v1/inboxes/" + on).then().statusCode(409);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed", "chatConnected", true))
                .put("/api/v1/inboxes/" + on).then().statusCode(200).body("name", equalTo("Renamed"));
        given().auth().oauth2(ADMIN).delete("/api/v1/inboxes/" + off).then().statusCode(204);
        given().auth().oauth2(ADMIN).get("/api/v1/inboxes/" + off).then().statusCode(404);
    }

    @Test
    void knowledgeBaseChatflowsNeedThreeArticles() {
        String inbox = Api.inbox(ADMIN, true);
        var kb = Api.json(body("KB", Map.of("inboxId", inbox, "type", "KB_SEARCH_AND_LIVE_CHAT")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("publishedArticles", 2))
                .put("/api/v1/portal/knowledge-base").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(kb)
                .post("/api/v1/chatflows").then().statusCode(400).body("field", equalTo("settings.type"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("publishedArticles", 3))
                .put("/api/v1/portal/knowledge-base").then().statusCode(200).body("knowledgeBaseArticles", equalTo(3));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(kb)
                .post("/api/v1/chatflows").then().statusCode(201);
    }

    @Test
    void badSettingsAreProblemsNamingTheFieldAndNothingIsStored() throws Exception {
        String inbox = Api.inbox(ADMIN, true);
        int before = given().auth().oauth2(ADMIN).get("/api/v1/chatflows").then().extract().jsonPath()
                .getList("$").size();
        ObjectNode inverted = fullSettings(inbox);
        ((ObjectNode) inverted.at("/availability/hours/1")).put("end", "22:00");
        rejected(body("x", inverted), "settings.availability.hours[1].end");
        ObjectNode overlapping = fullSettings(inbox);
        ((ObjectNode) overlapping.at("/availability/hours/1")).put("day", "MONDAY").put("start", "16:00")
                .put("end", "18:00");
        rejected(body("x", overlapping), "settings.availability.hours[1]");
        ObjectNode regex = fullSettings(inbox);
        ((ObjectNode) regex.at("/targeting/exclusions/0")).put("value", "([a-z");
        rejected(body("x", regex), "settings.targeting.exclusions[0].value");
        ObjectNode triggers = fullSettings(inbox);
        ((ObjectNode) triggers.at("/display")).put("desktopBehaviour", "LAUNCHER_ONLY");
        rejected(body("x", triggers), "settings.display.triggers");
        ObjectNode unknownEnum = fullSettings(inbox);
        ((ObjectNode) unknownEnum.at("/emailCapture")).put("mode", "SOMETIMES");
        rejected(body("x", unknownEnum), "settings.emailCapture.mode");
        ObjectNode wrongType = fullSettings(inbox);
        ((ObjectNode) wrongType.at("/availability/hours/0")).set("start", EventJson.mapper().createArrayNode());
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Api.json(body("x", wrongType)))
                .post("/api/v1/chatflows").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("settings.availability.hours[0].start"));
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows").then().body("size()", equalTo(before));
    }

    private static void rejected(Object body, String field) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Api.json(body))
                .post("/api/v1/chatflows").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("field", equalTo(field));
    }

    @Test
    void hostileBodiesAreRefused() {
        String big = "{\"name\":\"" + "x".repeat(300 * 1024) + "\",\"kind\":\"WEBSITE\"}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(big)
                .post("/api/v1/chatflows").then().statusCode(413)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("too_large"));
        String deep = "{\"name\":\"x\",\"kind\":\"WEBSITE\",\"settings\":{\"targeting\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(deep)
                .post("/api/v1/chatflows").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"kind\":\"WEBSITE\",\"priority\":\"high\"}")
                .post("/api/v1/chatflows").then().statusCode(400).body("field", equalTo("priority"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"kind\":\"WEBSITE\",\"priority\":5000}")
                .post("/api/v1/chatflows").then().statusCode(400).body("field", equalTo("priority"));
    }

    @Test
    void theKindCannotChangeAndUnknownIdsAre404() {
        String id = Api.chatflow(ADMIN, Map.of("name", "Kind", "kind", "WEBSITE"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "Kind", "kind", "MOBILE"))
                .put("/api/v1/chatflows/" + id).then().statusCode(400).body("field", equalTo("kind"));
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/00000000-0000-4000-8000-000000000000")
                .then().statusCode(404);
        given().auth().oauth2(ADMIN).post("/api/v1/chatflows/" + id + "/publish").then().statusCode(400)
                .body("field", equalTo("settings.inboxId"));
    }
}
