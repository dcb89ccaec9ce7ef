package dev.parley.conversation.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.events.ErasureRequested;
import dev.parley.contracts.events.ExportRequested;
import dev.parley.conversation.TestChatflows;
import dev.parley.conversation.WsClient;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.PrivacyTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * conversation-service's privacy part through parley.privacy.v1, on conversations made over the real visitor socket:
 * export, erasure by the captured email (reaching the same visitor's other conversation), idempotency.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConversationPrivacyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Test
    void aSubjectsConversationsAreExportedThenErasedAndASecondErasureChangesNothing() {
        String flow = chatflow();
        String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> session = session(flow);
        String visitorId = (String) session.get("visitorId");
        String first;
        String second;
        try (WsClient v = WsClient.connect(ws("/ws/visitor?token=" + session.get("token")))) {
            first = start(v, flow, "s1");
            frame(v, "{\"type\":\"email\",\"conversationId\":\"" + first + "\",\"email\":\"" + email
                    + "\",\"ref\":\"e\"}", "e");
            message(v, first, "m1", "My name is Ada Lovelace, call me on +44 20 7946 0000");
        }
        // The same visitor, later, on another chatflow: found through the email given in the first chat.
        String otherFlow = chatflow();
        session(otherFlow);
        try (WsClient v = WsClient.connect(ws("/ws/visitor?token=" + session.get("token")))) {
            second = start(v, otherFlow, "s2");
            message(v, second, "m2", "Still Ada here");
        }

        String export = UUID.randomUUID().toString();
        PrivacyTopic.send(ExportRequested.of("demo", export, email.toUpperCase()));
        JsonNode part = PrivacyTopic.report("ExportPart", export);
        assertThat(part.get("service").asText()).isEqualTo("conversation-service");
        assertThat(part.at("/data/conversations")).hasSize(2);
        assertThat(part.at("/data/conversations/0/capturedEmail").asText()).isEqualTo(email);
        assertThat(part.at("/data/conversations/0/messages").toString()).contains("Ada Lovelace");

        String erasure = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of("demo", erasure, email));
        long items = PrivacyTopic.report("ErasureCompleted", erasure).get("itemsErased").asLong();

        assertThat(items).isGreaterThanOrEqualTo(4);
        for (String conversation : List.of(first, second)) {
            Row c = row("select visitor_id, contact_email, email, page_url from conversation where id = $1",
                    conversation);
            assertThat(c.getString("visitor_id")).startsWith("erased:").isNotEqualTo(visitorId);
            assertThat(c.getString("email")).isNull();
            assertThat(c.getString("page_url")).isNull();
            assertThat(texts(conversation)).isNotEmpty().allMatch("[erased]"::equals);
        }
        String again = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of("demo", again, email));
        assertThat(PrivacyTopic.report("ErasureCompleted", again).get("itemsErased").asLong()).isZero();
        String byVisitor = UUID.randomUUID().toString();
        PrivacyTopic.send(ExportRequested.of("demo", byVisitor, visitorId));
        assertThat(PrivacyTopic.report("ExportPart", byVisitor).get("data").isEmpty()).isTrue();
    }

    @Test
    void anotherPortalsRequestTouchesNothingHere() {
        String flow = chatflow();
        Map<String, Object> session = session(flow);
        String visitorId = (String) session.get("visitorId");
        String conversation;
        try (WsClient v = WsClient.connect(ws("/ws/visitor?token=" + session.get("token")))) {
            conversation = start(v, flow, "s");
            message(v, conversation, "m", "hello");
        }

        String erasure = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of("other", erasure, visitorId));

        assertThat(PrivacyTopic.report("ErasureCompleted", erasure).get("itemsErased").asLong()).isZero();
        assertThat(row("select visitor_id from conversation where id = $1", conversation).getString("visitor_id"))
                .isEqualTo(visitorId);
        assertThat(texts(conversation)).contains("hello");
    }

    private String chatflow() {
        String id = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", id, 1,
                TestChatflows.settings("Welcome!", "LEGITIMATE_INTEREST", "NEVER", false));
        return id;
    }

    private Map<String, Object> session(String chatflowId) {
        await().atMost(WAIT).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("portalId", "demo", "chatflowId", chatflowId))
                .post("/api/v1/widget/sessions").statusCode() == 200);
        return given().contentType(ContentType.JSON).body(Map.of("portalId", "demo", "chatflowId", chatflowId))
                .post("/api/v1/widget/sessions").then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static String start(WsClient v, String chatflowId, String ref) {
        v.send("{\"type\":\"start\",\"chatflowId\":\"" + chatflowId + "\",\"pageUrl\":\"https://shop.example/?email=x\","
                + "\"ref\":\"" + ref + "\"}");
        return v.await(f -> ref.equals(f.path("ref").asText()), WAIT).get("conversationId").asText();
    }

    private static void message(WsClient v, String conversationId, String clientMsgId, String text) {
        frame(v, "{\"type\":\"message\",\"conversationId\":\"" + conversationId + "\",\"clientMsgId\":\""
                + clientMsgId + "\",\"text\":\"" + text + "\",\"ref\":\"r-" + clientMsgId + "\"}", "r-" + clientMsgId);
    }

    private static void frame(WsClient v, String json, String ref) {
        v.send(json);
        JsonNode answer = v.await(f -> ref.equals(f.path("ref").asText()), WAIT);
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("ack");
    }

    private URI ws(String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
    }

    private Row row(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private List<String> texts(String conversationId) {
        List<String> texts = new ArrayList<>();
        pool.preparedQuery("select text from message where conversation_id = $1").execute(Tuple.of(conversationId))
                .await().atMost(Duration.ofSeconds(10)).forEach(r -> texts.add(r.getString("text")));
        return texts;
    }
}
