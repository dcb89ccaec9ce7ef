package dev.parley.conversation;

import static dev.parley.conversation.WsClient.ref;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConsentRecorded;
import dev.parley.contracts.events.ConsentWithdrawn;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.kit.demo.DemoTenants;
import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The thread's system entries (issue 5: "read a thread with system entries: assigned, transferred, consent given,
 * email captured, survey answered"): stored with their own seq in order with the messages, once per event, shown to
 * agents (REST and socket), passed over on the visitor's socket.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ThreadEntriesTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void consentEmailAssignmentAndSurveyAnswerAreEntriesOfTheThread() {
        ChatTest chat = ChatTest.on(base);
        String flow = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", flow, 1,
                TestChatflows.settings(null, "EXPLICIT", "BEFORE_CHAT", false));
        try (WsClient visitor = chat.visitor(chat.session("demo", flow)); WsClient agent = chat.agent(ChatTest.AGENT)) {
            String conv = ChatTest.start(visitor, flow);
            visitor.send("{\"type\":\"consent\",\"conversationId\":\"" + conv + "\",\"kind\":\"PROCESSING\","
                    + "\"granted\":true,\"textHash\":\"h\",\"ref\":\"c\"}");
            visitor.await(ref("ack", "c"), ChatTest.WAIT);
            visitor.send("{\"type\":\"email\",\"conversationId\":\"" + conv + "\",\"email\":\"ann@example.com\","
                    + "\"ref\":\"e\"}");
            visitor.await(ref("ack", "e"), ChatTest.WAIT);
            ChatTest.send(visitor, conv, "m1", "Hello");
            agent.send("{\"type\":\"hello\",\"resume\":{\"" + conv + "\":0},\"ref\":\"h\"}");
            agent.await(ref("ack", "h"), ChatTest.WAIT);

            // Delivered twice (a redelivery): one entry. The transfer after it, on the same partition, is the
            // barrier: once its entry is there, the duplicate has been consumed.
            String assigned = EventJson.write(ConversationAssigned.of("demo", conv, flow,
                    DemoTenants.DEMO_AGENT_1.id(), "Ada Agent", null, false, null));
            TopicReader.send(ParleyTestInfra.kafkaBootstrap(), Topics.ROUTING, conv, assigned);
            TopicReader.send(ParleyTestInfra.kafkaBootstrap(), Topics.ROUTING, conv, assigned);
            TopicReader.send(ParleyTestInfra.kafkaBootstrap(), Topics.ROUTING, conv, EventJson.write(
                    ConversationTransferred.of("demo", conv, flow, DemoTenants.DEMO_AGENT_1.id(), null, "T1", "admin")));
            await().atMost(ChatTest.WAIT).until(() -> thread(conv).size() == 5);
            visitor.send("{\"type\":\"close\",\"conversationId\":\"" + conv + "\",\"ref\":\"x\"}");
            visitor.await(ref("ack", "x"), ChatTest.WAIT);
            // A survey answer comes after the close; its entry is still stored.
            SurveyAnswered answer = SurveyAnswered.of("demo", conv, "s1", UUID.randomUUID().toString(), 4, "Kind");
            TopicReader.send(ParleyTestInfra.kafkaBootstrap(), Topics.SURVEYS, answer.key(), EventJson.write(answer));

            await().atMost(ChatTest.WAIT).untilAsserted(() -> assertThat(thread(conv)).hasSize(6));
            assertThat(thread(conv)).extracting(m -> m.get("kind")).containsExactly("CONSENT", "EMAIL_CAPTURED",
                    null, "ASSIGNED", "TRANSFERRED", "SURVEY_ANSWERED");
            assertThat(thread(conv)).extracting(m -> ((Number) m.get("seq")).longValue())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            List<Map<String, Object>> thread = thread(conv);
            assertThat(thread.get(0).get("text")).isEqualTo("Consent to process data (EXPLICIT): given");
            assertThat(thread.get(1).get("text")).isEqualTo("Email address left: ann@example.com");
            assertThat(thread.get(3).get("text")).isEqualTo("Assigned to Ada Agent");
            assertThat(thread.get(4).get("text")).isEqualTo("Transferred to team T1 by admin");
            assertThat(thread.get(5).get("text")).isEqualTo("Survey answered: 4 \u2014 Kind");

            // The agent's socket gets every entry in seq order; the visitor's passes over the system ones.
            JsonNode last = agent.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == 6
                    && conv.equals(f.path("conversationId").asText()), ChatTest.WAIT);
            assertThat(last.get("sender").asText()).isEqualTo("SYSTEM");
            assertThat(last.get("kind").asText()).isEqualTo("SURVEY_ANSWERED");
            assertThat(ChatTest.seqs(agent, conv)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            visitor.send("{\"type\":\"ping\"}");
            visitor.await(WsClient.type("pong"), ChatTest.WAIT);
            assertThat(ChatTest.seqs(visitor, conv)).containsExactly(3L);
        }
    }

    @Test
    void consentWithdrawnInTheLedgerLocksTheChatUntilConsentIsRecordedAgain() {
        ChatTest chat = ChatTest.on(base);
        String flow = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", flow, 1,
                TestChatflows.settings(null, "EXPLICIT", "NEVER", false));
        Map<String, Object> session = chat.session("demo", flow);
        String visitorId = (String) session.get("visitorId");
        try (WsClient visitor = chat.visitor(session)) {
            String conv = ChatTest.start(visitor, flow);
            visitor.send("{\"type\":\"consent\",\"conversationId\":\"" + conv + "\",\"kind\":\"PROCESSING\","
                    + "\"granted\":true,\"textHash\":\"h\",\"ref\":\"c\"}");
            visitor.await(ref("ack", "c"), ChatTest.WAIT);
            ChatTest.send(visitor, conv, "m1", "Hello");

            consent(ConsentWithdrawn.of("demo", "e1", visitorId, null, "PROCESSING", null));
            await().atMost(ChatTest.WAIT).until(() -> texts(conv).contains("Consent to process data: withdrawn"));
            visitor.send("{\"type\":\"message\",\"conversationId\":\"" + conv + "\",\"clientMsgId\":\"m2\","
                    + "\"text\":\"still there?\",\"ref\":\"m2\"}");
            assertThat(visitor.await(ref("error", "m2"), ChatTest.WAIT).get("code").asText())
                    .isEqualTo("consent_required");

            // Another visitor's or portal's withdrawal changes nothing here.
            consent(ConsentRecorded.of("other", "e2", visitorId, null, flow, 1, "PROCESSING", "EXPLICIT", true, "h"));
            consent(ConsentRecorded.of("demo", "e3", visitorId, null, flow, 1, "PROCESSING", "EXPLICIT", true, "h"));
            await().atMost(ChatTest.WAIT).until(() -> texts(conv).contains(
                    "Consent to process data: given (recorded outside the chat)"));
            assertThat(ChatTest.send(visitor, conv, "m3", "back")).isPositive();
            assertThat(texts(conv)).containsExactly("Consent to process data (EXPLICIT): given", "Hello",
                    "Consent to process data: withdrawn", "Consent to process data: given (recorded outside the chat)",
                    "back");
        }
    }

    private static void consent(dev.parley.contracts.ParleyEvent event) {
        TopicReader.send(ParleyTestInfra.kafkaBootstrap(), Topics.CONSENTS, event.key(), EventJson.write(event));
    }

    private static List<Object> texts(String conv) {
        return thread(conv).stream().map(m -> m.get("text")).toList();
    }

    /** The thread as an agent reads it over REST (messages and system entries in seq order). */
    static List<Map<String, Object>> thread(String conv) {
        JsonPath body = given().auth().oauth2(ChatTest.AGENT).get("/api/v1/conversations/" + conv + "/messages")
                .then().statusCode(200).extract().jsonPath();
        return body.getList("");
    }
}
