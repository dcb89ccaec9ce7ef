package dev.parley.conversation;

import static dev.parley.conversation.WsClient.ref;
import static dev.parley.conversation.WsClient.type;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.demo.DemoTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chat over real sockets, PostgreSQL and Kafka: the walk-through, idempotency, steps, hostile input, tenants. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ChatTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String AGENT = TestTokens.agent(DemoTenants.DEMO_AGENT_1.id(), "demo");

    @TestHTTPResource("/")
    URI base;

    /** This test's helpers (sessions, sockets, chatflows) for another test of the same running service. */
    static ChatTest on(URI base) {
        ChatTest chat = new ChatTest();
        chat.base = base;
        return chat;
    }

    String chatflow(String welcome, String basis) {
        String id = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", id, 1,
                TestChatflows.settings(welcome, basis, "NEVER", true));
        return id;
    }

    Map<String, Object> session(String portalId, String chatflowId) {
        await().atMost(WAIT).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("portalId", portalId, "chatflowId", chatflowId))
                .post("/api/v1/widget/sessions").statusCode() == 200);
        return given().contentType(ContentType.JSON).body(Map.of("portalId", portalId, "chatflowId", chatflowId))
                .post("/api/v1/widget/sessions").then().statusCode(200).extract().jsonPath().getMap("");
    }

    WsClient visitor(Map<String, Object> session) {
        return WsClient.connect(ws("/ws/visitor?token=" + session.get("token")));
    }

    /** The socket once the service answered a ping on it (a visitor socket is admitted before its frames are handled). */
    static WsClient admitted(WsClient socket) {
        socket.send("{\"type\":\"ping\",\"ref\":\"admitted\"}");
        socket.await(type("pong"), WAIT);
        return socket;
    }

    WsClient agent(String token) {
        // The JDK client refuses a space in a subprotocol, so these tests authenticate with the auth frame.
        WsClient agent = WsClient.connect(ws("/ws/agent"));
        agent.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"ref\":\"auth\"}");
        agent.await(ref("ack", "auth"), WAIT);
        return agent;
    }

    URI ws(String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
    }

    static String start(WsClient v, String chatflowId) {
        v.send("{\"type\":\"start\",\"chatflowId\":\"" + chatflowId + "\",\"pageUrl\":\"https://demo.example/\","
                + "\"ref\":\"s\"}");
        return v.await(ref("ack", "s"), WAIT).get("conversationId").asText();
    }

    static long send(WsClient c, String conversationId, String clientMsgId, String text) {
        String ref = "r-" + clientMsgId;
        c.send("{\"type\":\"message\",\"conversationId\":\"" + conversationId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"text\":" + WsClient.JSON.valueToTree(text) + ",\"ref\":\"" + ref + "\"}");
        JsonNode answer = c.await(f -> ref.equals(f.path("ref").asText()), WAIT);
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("ack");
        return answer.get("seq").asLong();
    }

    static List<Long> seqs(WsClient c, String conversationId) {
        return c.ofType("message").stream().filter(f -> f.path("conversationId").asText().equals(conversationId))
                .map(f -> f.get("seq").asLong()).toList();
    }

    @Test
    void walkThroughVisitorAgentDisconnectResume() {
        String flow = chatflow("Hi! How can we help?", "LEGITIMATE_INTEREST");
        var session = session("demo", flow);
        try (WsClient v = visitor(session); WsClient a = agent(AGENT)) {
            String conv = start(v, flow);
            v.await(f -> "prompt".equals(f.path("type").asText())
                    && "CONSENT_PROCESSING".equals(f.path("step").asText()), WAIT);
            v.await(f -> f.path("seq").asLong() == 1 && "BOT".equals(f.path("sender").asText()), WAIT);
            assertThat(send(v, conv, "c1", "Hello <script>alert(1)</script>")).isEqualTo(2);
            // The agent sees every unassigned conversation of the portal: match this one (other tests' share seqs).
            JsonNode atAgent = a.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == 2
                            && conv.equals(f.path("conversationId").asText()),
                    WAIT);
            assertThat(atAgent.get("text").asText()).isEqualTo("Hello <script>alert(1)</script>");
            assertThat(send(a, conv, "a1", "Hi, Ada here")).isEqualTo(3);
            v.await(f -> f.path("seq").asLong() == 3 && "AGENT".equals(f.path("sender").asText()), WAIT);
            v.close();
            assertThat(send(a, conv, "a2", "Are you there?")).isEqualTo(4);
            assertThat(send(a, conv, "a3", "Still here")).isEqualTo(5);
            try (WsClient back = visitor(session)) {
                back.send("{\"type\":\"hello\",\"resume\":{\"" + conv + "\":3},\"ref\":\"h\"}");
                back.await(ref("ack", "h"), WAIT);
                back.await(f -> f.path("seq").asLong() == 5, WAIT);
                await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> seqs(back, conv).size() == 2);
                assertThat(seqs(back, conv)).containsExactly(4L, 5L);
            }
            assertThat(seqs(a, conv)).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aRetriedClientMsgIdIsStoredOnceWithTheSameSeq() {
        String flow = chatflow(null, null);
        try (WsClient v = visitor(session("demo", flow))) {
            String conv = start(v, flow);
            long first = send(v, conv, "same", "once");
            v.frames.clear();
            long retry = send(v, conv, "same", "once");
            assertThat(retry).isEqualTo(first);
            long next = send(v, conv, "other", "twice");
            assertThat(next).isEqualTo(first + 1);
            given().auth().oauth2(AGENT).get("/api/v1/conversations/" + conv + "/messages")
                    .then().statusCode(200).extract().jsonPath().getList("seq", Long.class)
                    .equals(List.of(first, next));
            assertThat(given().auth().oauth2(AGENT).get("/api/v1/conversations/" + conv + "/messages")
                    .jsonPath().getList("text", String.class)).containsExactly("once", "twice");
        }
    }

    @Test
    void explicitConsentIsRequiredBeforeTheFirstVisitorMessage() {
        String flow = chatflow(null, "EXPLICIT");
        try (WsClient v = visitor(session("demo", flow))) {
            String conv = start(v, flow);
            v.send("{\"type\":\"message\",\"conversationId\":\"" + conv + "\",\"clientMsgId\":\"x\",\"text\":\"hi\","
                    + "\"ref\":\"m\"}");
            assertThat(v.await(ref("error", "m"), WAIT).get("code").asText()).isEqualTo("consent_required");
            v.send("{\"type\":\"consent\",\"conversationId\":\"" + conv + "\",\"kind\":\"PROCESSING\","
                    + "\"granted\":true,\"textHash\":\"hash-1\",\"ref\":\"c\"}");
            v.await(ref("ack", "c"), WAIT);
            // seq 1 is the thread's system entry for the consent (ThreadEntriesTest); nothing of the refused try.
            assertThat(send(v, conv, "x", "hi")).isEqualTo(2);
        }
    }

    @Test
    void hostileFramesGetErrorsAndChangeNothing() {
        String flow = chatflow(null, null);
        try (WsClient v = visitor(session("demo", flow)); WsClient bystander = visitor(session("demo", flow))) {
            String conv = start(v, flow);
            v.send("{not json");
            v.send("{\"type\":\"teleport\",\"ref\":\"u\"}");
            v.send("{\"type\":\"message\",\"conversationId\":42,\"clientMsgId\":\"z\",\"text\":\"x\",\"ref\":\"w\"}");
            v.send("{\"type\":\"message\",\"conversationId\":\"" + conv + "\",\"clientMsgId\":\"big\",\"text\":\""
                    + "x".repeat(17_000) + "\",\"ref\":\"big\"}");
            v.send("{\"type\":\"ping\"}");
            v.await(type("pong"), WAIT);
            List<String> codes = v.ofType("error").stream().map(f -> f.get("code").asText()).toList();
            assertThat(codes).containsExactly("bad_frame", "bad_frame", "bad_frame", "too_large");
            bystander.send("{\"type\":\"ping\"}");
            bystander.await(type("pong"), WAIT);
            assertThat(given().auth().oauth2(AGENT).get("/api/v1/conversations/" + conv + "/messages")
                    .jsonPath().getList("seq")).isEmpty();
        }
    }

    /**
     * The isolation matrix: every frame and every inbox endpoint that names a conversation, tried by a visitor of the
     * same portal (Y), a visitor of another portal (Z) and an agent of another portal against visitor X's
     * conversation: each is answered {@code not_found} (an agent's visitor-only frames {@code forbidden}, REST 404),
     * nothing reaches X, and the conversation is unchanged.
     */
    @Test
    void tenantsAndVisitorsOnlyReachTheirOwnConversations() {
        String flow = chatflow(null, null);
        String otherFlow = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), DemoTenants.OTHER, otherFlow, 1,
                TestChatflows.settings(null, null, "NEVER", true));
        String other = TestTokens.agent(DemoTenants.OTHER_AGENT.id(), DemoTenants.OTHER);
        try (WsClient x = visitor(session("demo", flow)); WsClient y = visitor(session("demo", flow));
             WsClient z = visitor(session(DemoTenants.OTHER, otherFlow)); WsClient otherAgent = agent(other)) {
            String conv = start(x, flow);
            long first = send(x, conv, "m1", "private");
            String on = "\"conversationId\":\"" + conv + "\"";
            Map<String, String> common = Map.of(
                    "hello", "{\"type\":\"hello\",\"resume\":{\"" + conv + "\":0}",
                    "message", "{\"type\":\"message\"," + on + ",\"clientMsgId\":\"i\",\"text\":\"intrusion\"",
                    "typing", "{\"type\":\"typing\"," + on + ",\"on\":true",
                    "read", "{\"type\":\"read\"," + on + ",\"seq\":1",
                    "close", "{\"type\":\"close\"," + on);
            Map<String, String> visitorOnly = Map.of(
                    "consent", "{\"type\":\"consent\"," + on + ",\"kind\":\"PROCESSING\",\"granted\":true,"
                            + "\"textHash\":\"" + "0".repeat(64) + "\"",
                    "email", "{\"type\":\"email\"," + on + ",\"email\":\"intruder@evil.example\"",
                    "surveyAnswer", "{\"type\":\"surveyAnswer\"," + on + ",\"surveyId\":\"s\",\"score\":1");
            for (WsClient intruder : List.of(y, z, otherAgent)) {
                common.forEach((ref, frame) -> assertThat(errorCode(intruder, frame, ref)).as(ref)
                        .isEqualTo("not_found"));
                visitorOnly.forEach((ref, frame) -> assertThat(errorCode(intruder, frame, ref)).as(ref)
                        .isEqualTo(intruder == otherAgent ? "forbidden" : "not_found"));
            }
            // Z cannot start a chat on, nor answer the cookie banner of, a chatflow of X's portal.
            assertThat(errorCode(z, "{\"type\":\"start\",\"chatflowId\":\"" + flow + "\"", "start"))
                    .isEqualTo("not_found");
            assertThat(errorCode(z, "{\"type\":\"consent\",\"chatflowId\":\"" + flow + "\",\"kind\":\"COOKIES\","
                    + "\"granted\":true,\"textHash\":\"" + "0".repeat(64) + "\"", "cookies")).isEqualTo("not_found");

            String thread = "/api/v1/conversations/" + conv + "/messages";
            given().auth().oauth2(other).get(thread).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(other).get(thread + "?afterSeq=0").then().statusCode(404);
            given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("text", "x"))
                    .post(thread).then().statusCode(404);
            given().auth().oauth2(other).post("/api/v1/conversations/" + conv + "/close").then().statusCode(404);
            given().auth().oauth2(other).post("/api/v1/conversations/" + conv + "/reopen").then().statusCode(404);
            assertThat(given().auth().oauth2(other).get("/api/v1/conversations").jsonPath().getList("items.id"))
                    .doesNotContain(conv);
            assertThat(given().auth().oauth2(other).queryParam("chatflowId", flow).get("/api/v1/conversations")
                    .jsonPath().getList("items")).isEmpty();
            // A visitor token is not an agent's.
            given().auth().oauth2(String.valueOf(session("demo", flow).get("token"))).get("/api/v1/conversations")
                    .then().statusCode(401);

            // Nothing reached X (a pong answered after every refusal above), nothing changed.
            admitted(x);
            assertThat(x.ofType("typing")).isEmpty();
            assertThat(x.ofType("read")).isEmpty();
            assertThat(seqs(y, conv)).isEmpty();
            assertThat(seqs(z, conv)).isEmpty();
            assertThat(seqs(otherAgent, conv)).isEmpty();
            assertThat(given().auth().oauth2(AGENT).get("/api/v1/conversations").jsonPath().getList("items.id"))
                    .contains(conv);
            assertThat(send(x, conv, "m2", "still open")).isEqualTo(first + 1);
            assertThat(given().auth().oauth2(AGENT).get(thread).jsonPath().getList("text", String.class))
                    .containsExactly("private", "still open");
        }
    }

    /** The error code an intruder's frame (JSON without its closing brace) is answered with. */
    static String errorCode(WsClient c, String frame, String ref) {
        c.send(frame + ",\"ref\":\"" + ref + "\"}");
        JsonNode answer = c.await(f -> ref.equals(f.path("ref").asText()), WAIT);
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("error");
        return answer.path("code").asText();
    }

    @Test
    void handshakesNeedAValidTokenAndAnAllowedOrigin() {
        String flow = chatflow(null, null);
        var session = session("demo", flow);
        assertThat(WsClient.refusal(ws("/ws/visitor?token=forged"), null)).isNotNull();
        assertThat(WsClient.refusal(ws("/ws/visitor?token=" + session.get("token")), "https://evil.example"))
                .isNotNull();
        assertThat(WsClient.refusal(ws("/ws/visitor?token=" + session.get("token")), "https://demo.example"))
                .isNull();
        try (WsClient anonymous = WsClient.connect(ws("/ws/agent"))) {
            anonymous.send("{\"type\":\"hello\",\"ref\":\"h\"}");
            assertThat(anonymous.await(ref("error", "h"), WAIT).get("code").asText()).isEqualTo("unauthorized");
            anonymous.send("{\"type\":\"auth\",\"token\":\"" + AGENT + "\",\"ref\":\"a\"}");
            anonymous.await(ref("ack", "a"), WAIT);
        }
        given().get("/api/v1/widget/jwks").then().statusCode(200);
    }

    @Test
    void aVisitorIsLimitedInMessagesPerMinuteAndInSockets() {
        String flow = chatflow(null, null);
        var session = session("demo", flow);
        // Each socket is counted in (asked of the database) before the next one opens: a ping answered proves it.
        try (WsClient v = admitted(visitor(session)); WsClient v2 = admitted(visitor(session));
             WsClient v3 = admitted(visitor(session)); WsClient v4 = visitor(session)) {
            assertThat(v4.await(type("error"), WAIT).get("code").asText()).isEqualTo("rate_limited");
            String conv = start(v, flow);
            // 60 per minute, refilled continuously: a burst is refused after about 60 messages.
            int acked = 0;
            long firstSeq = 0;
            String refusal = null;
            for (int i = 0; i < 90 && refusal == null; i++) {
                String ref = "burst-" + i;
                v.send("{\"type\":\"message\",\"conversationId\":\"" + conv + "\",\"clientMsgId\":\"" + ref
                        + "\",\"text\":\"message " + i + "\",\"ref\":\"" + ref + "\"}");
                JsonNode answer = v.await(f -> ref.equals(f.path("ref").asText()), WAIT);
                if ("ack".equals(answer.path("type").asText())) {
                    if (acked == 0) {
                        firstSeq = answer.get("seq").asLong();
                    }
                    acked++;
                } else {
                    refusal = answer.path("code").asText();
                }
            }
            assertThat(refusal).isEqualTo("rate_limited");
            assertThat(acked).isBetween(60, 89);
            // The retry of an acknowledged message (a lost ack) is answered with its seq, allowance spent or not.
            v.send("{\"type\":\"message\",\"conversationId\":\"" + conv + "\",\"clientMsgId\":\"burst-0\","
                    + "\"text\":\"message 0\",\"ref\":\"retry\"}");
            JsonNode retry = v.await(f -> "retry".equals(f.path("ref").asText()), WAIT);
            assertThat(retry.path("type").asText()).isEqualTo("ack");
            assertThat(retry.get("seq").asLong()).isEqualTo(firstSeq);
            assertThat(given().auth().oauth2(AGENT).get("/api/v1/conversations/" + conv + "/messages")
                    .jsonPath().getList("seq")).hasSize(acked);
        }
    }
}
