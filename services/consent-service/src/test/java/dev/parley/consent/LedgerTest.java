package dev.parley.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConsentSubmitted;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger through its real inputs (ConsentSubmitted on the broker, the banner's REST call) and the admin API. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(VisitorKeys.class)
class LedgerTest {

    private static final String ADMIN = TestTokens.admin("demo-admin", "demo");
    private static final String OTHER_ADMIN = TestTokens.admin("other-admin", "other");

    @Inject
    Pool pool;

    @Test
    void inChatAnswersBecomeEntriesWithTheExactTextAndVersionAndASubscription() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        String conversation = UUID.randomUUID().toString();
        String email = "Ada." + visitor.substring(0, 8) + "@Example.com";
        Kafka.send(EmailCaptured.of("demo", conversation, visitor, email));
        Kafka.send(submitted(conversation, visitor, chatflowId, "PROCESSING", true, Chatflows.hash(Chatflows.PROCESSING),
                null));
        Kafka.send(submitted(conversation, visitor, chatflowId, "COMMUNICATION", true, Chatflows.hash(Chatflows.LABEL),
                Chatflows.SUBSCRIPTION));

        JsonPath history = awaitEntries(visitor, 2);
        assertThat(history.getString("entries[0].kind")).isEqualTo("PROCESSING");
        assertThat(history.getString("entries[0].basis")).isEqualTo("EXPLICIT");
        assertThat(history.getInt("entries[0].chatflowVersion")).isEqualTo(1);
        assertThat(history.getString("entries[0].subjectEmail")).isEqualTo(email.toLowerCase());
        assertThat(history.getString("entries[0].channel")).isEqualTo("WEB");
        assertThat(history.getString("entries[1].subscriptionType")).isEqualTo(Chatflows.SUBSCRIPTION);
        assertThat(history.getList("current.kind")).containsExactly("COMMUNICATION", "PROCESSING");
        assertThat(history.getBoolean("subscriptions[0].subscribed")).isTrue();
        assertThat(history.getBoolean("subscriptions[0].marketingContact")).isTrue();
        assertThat(history.getString("subscriptions[0].subjectKey")).isEqualTo(email.toLowerCase());

        String entryId = history.getString("entries[1].id");
        given().auth().oauth2(ADMIN).get("/api/v1/consents/entries/" + entryId + "/proof").then().statusCode(200)
                .body("text", equalTo(Chatflows.LABEL)).body("textHash", equalTo(Chatflows.hash(Chatflows.LABEL)))
                .body("entry.chatflowId", equalTo(chatflowId)).body("entry.chatflowVersion", equalTo(1))
                .body("textLanguage", equalTo("en"));
        // The same history answers to the contact's email (linked through EmailCaptured).
        given().auth().oauth2(ADMIN).queryParam("subject", email).get("/api/v1/consents/subjects")
                .then().statusCode(200).body("entries", hasSize(2));
        assertThat(Kafka.read(Topics.CONSENTS, e -> visitor.equals(e.path("subjectVisitorId").asText())))
                .extracting(e -> e.get("type").asText() + "/" + e.get("kind").asText())
                .containsExactly("ConsentRecorded/PROCESSING", "ConsentRecorded/COMMUNICATION");
    }

    @Test
    void aWithdrawalIsANewEntryAndTheCurrentStateFollowsIt() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        String hash = Chatflows.hash(Chatflows.LABEL);
        Kafka.send(submitted(null, visitor, chatflowId, "COMMUNICATION", true, hash, null));
        Kafka.send(submitted(null, visitor, chatflowId, "COMMUNICATION", false, hash, null));

        JsonPath history = awaitEntries(visitor, 2);
        assertThat(history.getBoolean("current[0].granted")).isFalse();
        assertThat(history.getBoolean("subscriptions[0].subscribed")).isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Kafka.read(Topics.CONSENTS,
                e -> visitor.equals(e.path("subjectVisitorId").asText())))
                .extracting(e -> e.get("type").asText()).containsExactly("ConsentRecorded", "ConsentWithdrawn"));
    }

    @Test
    void aTextTheChatflowVersionDidNotShowIsRefusedCountedAndNotDeadLettered() {
        String chatflowId = Chatflows.publish("demo");
        Chatflows.publish("demo", chatflowId, 2, "A newer processing text.");
        String visitor = UUID.randomUUID().toString();
        // The version-2 text claimed for version 1, a made-up hash, and a cookie answer for a step never shown.
        Kafka.send(submitted(null, visitor, chatflowId, "PROCESSING", true, Chatflows.hash("A newer processing text."),
                null));
        Kafka.send(submitted(null, visitor, chatflowId, "PROCESSING", true, "0".repeat(64), null));
        Kafka.send(submitted(null, visitor, chatflowId, "COMMUNICATION", true, Chatflows.hash(Chatflows.LABEL),
                "another-list"));
        Kafka.send(submitted(null, visitor, chatflowId, "PROCESSING", true, Chatflows.hash(Chatflows.PROCESSING),
                null));

        awaitEntries(visitor, 1);
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "parley_consent_refused_total{field=\"textHash\",source=\"CHAT\"}"));
        assertThat(Kafka.read(Topics.dlq(Topics.CONVERSATIONS), e -> visitor.equals(e.path("visitorId").asText())))
                .isEmpty();
    }

    @Test
    void theBannerAnswerNeedsARealVisitorTokenAndAShownText() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        String token = VisitorKeys.visitor("demo", visitor, null);

        banner(VisitorKeys.forged("demo", visitor), chatflowId, Chatflows.hash(Chatflows.BANNER))
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("visitorToken"));
        banner(token, chatflowId, Chatflows.hash(Chatflows.PROCESSING)).statusCode(400)
                .body("field", equalTo("textHash"));
        banner(token, UUID.randomUUID().toString(), Chatflows.hash(Chatflows.BANNER)).statusCode(400)
                .body("field", equalTo("chatflowVersion"));
        String entryId = banner(token, chatflowId, Chatflows.hash(Chatflows.BANNER)).statusCode(201)
                .extract().path("entryId");

        JsonPath history = awaitEntries(visitor, 1);
        assertThat(history.getString("entries[0].id")).isEqualTo(entryId);
        assertThat(history.getString("entries[0].channel")).isEqualTo("BANNER");
        assertThat(history.getString("entries[0].kind")).isEqualTo("COOKIES");
        assertThat(history.getString("entries[0].ipAddress")).isNull();
        assertThat(history.getString("entries[0].userAgent")).isNull();
    }

    @Test
    void requestMetadataIsKeptOnlyWhenThePortalSaysSo() {
        String chatflowId = Chatflows.publish("other");
        String visitor = UUID.randomUUID().toString();
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON).body(Map.of("keepRequestMetadata", true))
                .put("/api/v1/consents/settings").then().statusCode(200);
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON).body(Map.of())
                .put("/api/v1/consents/settings").then().statusCode(400).body("field", equalTo("keepRequestMetadata"));

        given().header("User-Agent", "TestBrowser/1.0").contentType(ContentType.JSON)
                .body(body(VisitorKeys.visitor("other", visitor, null), chatflowId, Chatflows.hash(Chatflows.BANNER)))
                .post("/api/v1/consents").then().statusCode(201);

        given().auth().oauth2(OTHER_ADMIN).queryParam("subject", visitor).get("/api/v1/consents/subjects")
                .then().statusCode(200).body("entries[0].userAgent", equalTo("TestBrowser/1.0"))
                .body("entries[0].ipAddress", equalTo("127.0.0.1"));
    }

    @Test
    void everyAdminEndpointStaysInsideTheCallersPortal() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        String entryId = banner(VisitorKeys.visitor("demo", visitor, null), chatflowId,
                Chatflows.hash(Chatflows.BANNER)).statusCode(201).extract().path("entryId");

        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/consents/entries/" + entryId + "/proof")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(OTHER_ADMIN).queryParam("subject", visitor).get("/api/v1/consents/subjects")
                .then().statusCode(200).body("entries", hasSize(0));
        given().auth().oauth2(OTHER_ADMIN).queryParam("kind", "COOKIES").get("/api/v1/consents/entries")
                .then().statusCode(200).body("findAll { it.id == '" + entryId + "' }", hasSize(0));
        given().auth().oauth2(ADMIN).queryParam("kind", "COOKIES").get("/api/v1/consents/entries")
                .then().statusCode(200).body("findAll { it.id == '" + entryId + "' }", hasSize(1));
        given().auth().oauth2(TestTokens.agent("demo-agent-1", "demo")).queryParam("subject", visitor)
                .get("/api/v1/consents/subjects").then().statusCode(403);
        given().queryParam("subject", visitor).get("/api/v1/consents/subjects").then().statusCode(401);
        // A banner answer naming another portal's chatflow: the token's portal decides, and there it does not exist.
        banner(VisitorKeys.visitor("other", visitor, null), chatflowId, Chatflows.hash(Chatflows.BANNER))
                .statusCode(400).body("field", equalTo("chatflowVersion"));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/consents").then().statusCode(400);
        Map<String, Object> oversize = body("x".repeat(5000), "c", "h");
        given().contentType(ContentType.JSON).body(oversize).post("/api/v1/consents").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("visitorToken"));
        Map<String, Object> badChannel = body("t", "c", "h");
        badChannel.put("channel", "CARRIER_PIGEON");
        given().contentType(ContentType.JSON).body(badChannel).post("/api/v1/consents").then().statusCode(400)
                .body("field", equalTo("channel"));
        given().auth().oauth2(ADMIN).queryParam("subject", "a\u0000b").get("/api/v1/consents/subjects")
                .then().statusCode(400).body("field", equalTo("subject"));
        given().auth().oauth2(ADMIN).queryParam("kind", "<script>").get("/api/v1/consents/entries")
                .then().statusCode(400).body("field", equalTo("kind"));
        given().auth().oauth2(ADMIN).queryParam("from", "yesterday").get("/api/v1/consents/entries")
                .then().statusCode(400).body("field", equalTo("from"));
        given().auth().oauth2(ADMIN).get("/api/v1/consents/entries/not-a-uuid/proof").then().statusCode(404);
    }

    @Test
    void theLedgerRefusesUpdatesAndDeletesOtherThanErasure() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        String entryId = banner(VisitorKeys.visitor("demo", visitor, null), chatflowId,
                Chatflows.hash(Chatflows.BANNER)).statusCode(201).extract().path("entryId");
        UUID id = UUID.fromString(entryId);

        assertThat(fails("update consent_entry set granted = false where id = $1", id)).contains("append-only");
        assertThat(fails("delete from consent_entry where id = $1", id)).contains("append-only");
        assertThat(fails("update consent_entry set granted = false, anonymised_at = now() where id = $1", id))
                .contains("append-only");
        given().auth().oauth2(ADMIN).get("/api/v1/consents/entries/" + entryId + "/proof").then().statusCode(200)
                .body("entry.granted", equalTo(true)).body("entry.anonymisedAt", nullValue());
    }

    private String fails(String sql, UUID id) {
        try {
            pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
            return "no failure";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static ConsentSubmitted submitted(String conversation, String visitor, String chatflowId, String kind,
                                      boolean granted, String hash, String subscriptionType) {
        String basis = "PROCESSING".equals(kind) ? "EXPLICIT" : null;
        return ConsentSubmitted.of("demo", conversation, visitor, null, chatflowId, 1, kind, basis, granted, hash, null,
                subscriptionType, "WEB");
    }

    static JsonPath awaitEntries(String subject, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("subject", subject).get("/api/v1/consents/subjects").then().statusCode(200)
                .body("entries", hasSize(count)));
        return given().auth().oauth2(ADMIN).queryParam("subject", subject).get("/api/v1/consents/subjects")
                .then().extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse banner(String token, String chatflowId, String hash) {
        return given().contentType(ContentType.JSON).body(body(token, chatflowId, hash)).post("/api/v1/consents")
                .then();
    }

    private static Map<String, Object> body(String token, String chatflowId, String hash) {
        Map<String, Object> body = new HashMap<>();
        body.put("visitorToken", token);
        body.put("chatflowId", chatflowId);
        body.put("chatflowVersion", 1);
        body.put("kind", "COOKIES");
        body.put("granted", true);
        body.put("textHash", hash);
        return body;
    }
}
