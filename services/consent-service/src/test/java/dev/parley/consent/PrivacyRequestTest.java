package dev.parley.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.contracts.Topics;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.contracts.events.ErasureCompleted;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Privacy requests end to end inside consent-service: the request on parley.privacy.v1, consent-service's own part
 * (run by the kit's consumer), the other services' reports (sent here as they would send them) and the view.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(VisitorKeys.class)
class PrivacyRequestTest {

    private static final String ADMIN = TestTokens.admin("demo-admin", "demo");
    private static final List<String> OTHERS = List.of("config-service", "routing-service", "conversation-service",
            "survey-service");

    @Test
    void erasureAnonymisesTheLedgerKeepsTheProofAndCompletesWhenEveryServiceReported() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        String email = "erase." + visitor.substring(0, 8) + "@example.com";
        Kafka.send(EmailCaptured.of("demo", null, visitor, email));
        Kafka.send(LedgerTest.submitted(null, visitor, chatflowId, "PROCESSING", true,
                Chatflows.hash(Chatflows.PROCESSING), null));
        Kafka.send(LedgerTest.submitted(null, visitor, chatflowId, "COMMUNICATION", true,
                Chatflows.hash(Chatflows.LABEL), Chatflows.SUBSCRIPTION));
        LedgerTest.awaitEntries(email, 2);
        String export = request("EXPORT", email);
        JsonPath exported = awaitService(export, "consent-service");
        assertThat(exported.getList("bundle.consent-service.consentEntries")).hasSize(2);
        assertThat(exported.getString("bundle.consent-service.linkedIdentities[0].email")).isEqualTo(email);

        String erasure = request("ERASURE", email.toUpperCase());
        assertThat(Kafka.read(Topics.PRIVACY, e -> erasure.equals(e.path("requestId").asText())
                && "ErasureRequested".equals(e.path("type").asText()))).singleElement()
                .satisfies(e -> assertThat(e.get("subject").asText()).isEqualTo(email));
        JsonPath partly = awaitService(erasure, "consent-service");
        assertThat(partly.getString("status")).isEqualTo("PENDING");
        assertThat(partly.getLong("services.find { it.service == 'consent-service' }.items")).isEqualTo(4L);
        OTHERS.forEach(service -> Kafka.send(ErasureCompleted.of("demo", erasure, email, service, 1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(erasure).body("status", equalTo("COMPLETED"))
                .body("services", hasSize(5)).body("overdue", equalTo(false)));

        given().auth().oauth2(ADMIN).queryParam("subject", email).get("/api/v1/consents/subjects").then()
                .statusCode(200).body("entries", hasSize(0)).body("subscriptions", hasSize(0));
        given().auth().oauth2(ADMIN).queryParam("subject", visitor).get("/api/v1/consents/subjects").then()
                .statusCode(200).body("entries", hasSize(0));
        JsonPath kept = given().auth().oauth2(ADMIN).queryParam("kind", "PROCESSING").get("/api/v1/consents/entries")
                .then().statusCode(200).extract().jsonPath();
        String marker = kept.getString("find { it.chatflowId == '" + chatflowId + "' }.subjectVisitorId");
        String entryId = kept.getString("find { it.chatflowId == '" + chatflowId + "' }.id");
        assertThat(marker).startsWith("erased:").doesNotContain(visitor).doesNotContain(email);
        given().auth().oauth2(ADMIN).get("/api/v1/consents/entries/" + entryId + "/proof").then().statusCode(200)
                .body("text", equalTo(Chatflows.PROCESSING)).body("entry.chatflowVersion", equalTo(1))
                .body("entry.granted", equalTo(true)).body("entry.subjectEmail", equalTo(null));
        // The earlier export's bundle held the person's data: it is gone too, and the requests name the marker.
        view(export).body("bundle.consent-service", equalTo(Map.of())).body("subject", equalTo(marker));
        JsonPath after = awaitService(request("EXPORT", email), "consent-service");
        assertThat(after.getMap("bundle.consent-service")).isEmpty();
    }

    @Test
    void aRepeatedErasureChangesNothing() {
        String chatflowId = Chatflows.publish("demo");
        String visitor = UUID.randomUUID().toString();
        Kafka.send(LedgerTest.submitted(null, visitor, chatflowId, "PROCESSING", true,
                Chatflows.hash(Chatflows.PROCESSING), null));
        LedgerTest.awaitEntries(visitor, 1);

        JsonPath first = awaitService(request("ERASURE", visitor), "consent-service");
        JsonPath second = awaitService(request("ERASURE", visitor), "consent-service");

        assertThat(first.getLong("services.find { it.service == 'consent-service' }.items")).isEqualTo(1L);
        assertThat(second.getLong("services.find { it.service == 'consent-service' }.items")).isZero();
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsFlagged() {
        String id = request("ERASURE", "nobody-" + UUID.randomUUID() + "@example.com");
        awaitService(id, "consent-service");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(id).body("overdue", equalTo(true))
                .body("status", equalTo("PENDING"))
                .body("services.find { it.service == 'routing-service' }.state", equalTo("OVERDUE"))
                .body("services.find { it.service == 'consent-service' }.state", equalTo("DONE")));
        // A late report still completes the service.
        Kafka.send(ErasureCompleted.of("demo", id, "x", "routing-service", 0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(id)
                .body("services.find { it.service == 'routing-service' }.state", equalTo("DONE")));
    }

    @Test
    void requestsBelongToTheirPortalAndBadInputIsAProblem() {
        String id = request("EXPORT", "someone@example.com");
        given().auth().oauth2(TestTokens.admin("other-admin", "other")).get("/api/v1/privacy/requests/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        // Another portal's report for this request is not recorded against it.
        Kafka.send(ErasureCompleted.of("other", id, "someone@example.com", "routing-service", 3));
        given().auth().oauth2(TestTokens.agent("demo-agent-1", "demo")).contentType(ContentType.JSON)
                .body(Map.of("kind", "ERASURE", "subject", "a@b.c")).post("/api/v1/privacy/requests")
                .then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("kind", "SHRED", "subject", "a@b.c"))
                .post("/api/v1/privacy/requests").then().statusCode(400).body("field", equalTo("kind"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("kind", "EXPORT", "subject", " "))
                .post("/api/v1/privacy/requests").then().statusCode(400).body("field", equalTo("subject"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("kind", "EXPORT", "subject", "x".repeat(400))).post("/api/v1/privacy/requests")
                .then().statusCode(400).body("field", equalTo("subject"));
        given().auth().oauth2(ADMIN).get("/api/v1/privacy/requests/nope").then().statusCode(404);
        awaitService(id, "consent-service");
        view(id).body("services.find { it.service == 'routing-service' }.state", org.hamcrest.Matchers.not("DONE"));
    }

    static String request(String kind, String subject) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "subject", subject)).post("/api/v1/privacy/requests")
                .then().statusCode(202).body("kind", equalTo(kind)).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse view(String id) {
        return given().auth().oauth2(ADMIN).get("/api/v1/privacy/requests/" + id).then().statusCode(200);
    }

    static JsonPath awaitService(String id, String service) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> view(id)
                .body("services.find { it.service == '" + service + "' }.state", equalTo("DONE")));
        return view(id).extract().jsonPath();
    }
}
