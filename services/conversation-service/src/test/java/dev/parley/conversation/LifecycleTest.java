package dev.parley.conversation;

import static dev.parley.conversation.WsClient.ref;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.SurveyInvited;
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

/** Chatflow steps, events on the topics, routing/survey frames, identification tokens and the inbox API. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class LifecycleTest {

    static final Duration WAIT = ChatTest.WAIT;
    static final String AGENT = ChatTest.AGENT;

    @TestHTTPResource("/")
    URI base;

    ChatTest chat() {
        return ChatTest.on(base);
    }

    String flow(String emailMode) {
        String id = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", id, 1,
                TestChatflows.settings(null, "LEGITIMATE_INTEREST", emailMode, true));
        return id;
    }

    static String kafka() {
        return ParleyTestInfra.kafkaBootstrap();
    }

    @Test
    void eachStepIsAnnouncedOnTheConversationsTopicInOrder() {
        String flow = flow("AFTER_FIRST_MESSAGE");
        try (WsClient v = chat().visitor(chat().session("demo", flow))) {
            String conv = ChatTest.start(v, flow);
            ChatTest.send(v, conv, "m1", "Hello");
            v.await(f -> "EMAIL_CAPTURE".equals(f.path("step").asText()), WAIT);
            v.send("{\"type\":\"email\",\"conversationId\":\"" + conv + "\",\"email\":\"ann@example.com\",\"ref\":\"e\"}");
            v.await(ref("ack", "e"), WAIT);
            v.send("{\"type\":\"consent\",\"conversationId\":\"" + conv + "\",\"kind\":\"COMMUNICATION\",\"granted\":true,"
                    + "\"textHash\":\"h\",\"subscriptionType\":\"newsletter\",\"ref\":\"c\"}");
            v.await(ref("ack", "c"), WAIT);
            v.send("{\"type\":\"close\",\"conversationId\":\"" + conv + "\",\"ref\":\"x\"}");
            v.await(ref("ack", "x"), WAIT);
            v.await(f -> "state".equals(f.path("type").asText()) && "CLOSED".equals(f.path("status").asText()), WAIT);
            v.send("{\"type\":\"message\",\"conversationId\":\"" + conv + "\",\"clientMsgId\":\"m2\","
                    + "\"text\":\"too late\",\"ref\":\"late\"}");
            assertThat(v.await(ref("error", "late"), WAIT).get("code").asText()).isEqualTo("closed");
        }
        await().atMost(WAIT).untilAsserted(() -> {
            String conv = conversationOf(flow);
            List<JsonNode> events = TopicReader.events(kafka(), Topics.CONVERSATIONS, conv);
            assertThat(events.stream().map(e -> e.get("type").asText()).filter(t -> !t.equals("EphemeralFrame")))
                    .containsExactly("ConversationStarted", "MessagePosted", "EmailCaptured",
                            "MessagePosted", // its system entry in the thread (ThreadEntriesTest)
                            "ConsentSubmitted", "MessagePosted", "ConversationClosed");
            JsonNode closed = events.get(events.size() - 1);
            assertThat(closed.get("closedBy").asText()).isEqualTo("VISITOR");
            assertThat(events.get(1).get("seq").asLong()).isEqualTo(1);
        });
    }

    @Test
    void theAgentAConversationIsTransferredAwayFromIsTold() {
        String flow = flow("NEVER");
        String agent1 = DemoTenants.DEMO_AGENT_1.id();
        String agent2 = DemoTenants.DEMO_AGENT_2.id();
        try (WsClient v = chat().visitor(chat().session("demo", flow)); WsClient a = chat().agent(AGENT)) {
            String conv = ChatTest.start(v, flow);
            TopicReader.send(kafka(), Topics.ROUTING, conv, EventJson.write(ConversationAssigned.of("demo", conv, flow,
                    agent1, "Ann Agent", null, false, null)));
            a.await(f -> conv.equals(f.path("conversationId").asText()) && "ASSIGNED".equals(f.path("status").asText()),
                    WAIT);
            TopicReader.send(kafka(), Topics.ROUTING, conv, EventJson.write(ConversationTransferred.of("demo", conv,
                    flow, agent1, agent2, null, agent1)));
            JsonNode moved = a.await(f -> conv.equals(f.path("conversationId").asText())
                    && f.has("transfer"), WAIT);
            assertThat(moved.get("status").asText()).isEqualTo("ASSIGNED");
            assertThat(moved.get("transfer").get("fromAgentId").asText()).isEqualTo(agent1);
            assertThat(moved.get("transfer").get("toAgentId").asText()).isEqualTo(agent2);
            assertThat(v.ofType("state")).as("visitors never get the transfer detail").noneMatch(f -> f.has("transfer"));
        }
    }

    @Test
    void theCookieBannerIsAnsweredBeforeAnyConversation() {
        String flow = flow("NEVER");
        Map<String, Object> session = chat().session("demo", flow);
        String visitorId = (String) session.get("visitorId");
        try (WsClient v = chat().visitor(session)) {
            v.send("{\"type\":\"consent\",\"kind\":\"PROCESSING\",\"granted\":true,\"textHash\":\"h\","
                    + "\"chatflowId\":\"" + flow + "\",\"ref\":\"p\"}");
            assertThat(v.await(ref("error", "p"), WAIT).get("code").asText()).isEqualTo("bad_frame");
            v.send("{\"type\":\"consent\",\"kind\":\"COOKIES\",\"granted\":true,\"textHash\":\"h\","
                    + "\"chatflowId\":\"" + UUID.randomUUID() + "\",\"ref\":\"u\"}");
            assertThat(v.await(ref("error", "u"), WAIT).get("code").asText()).isEqualTo("not_found");
            v.send("{\"type\":\"consent\",\"kind\":\"COOKIES\",\"granted\":false,\"textHash\":\"banner-hash\","
                    + "\"chatflowId\":\"" + flow + "\",\"ref\":\"c\"}");
            assertThat(v.await(ref("ack", "c"), WAIT).has("conversationId")).isFalse();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> events = TopicReader.events(kafka(), Topics.CONVERSATIONS, visitorId);
            assertThat(events).hasSize(1);
            JsonNode consent = events.get(0);
            assertThat(consent.get("type").asText()).isEqualTo("ConsentSubmitted");
            assertThat(consent.get("kind").asText()).isEqualTo("COOKIES");
            assertThat(consent.get("granted").asBoolean()).isFalse();
            assertThat(consent.get("textHash").asText()).isEqualTo("banner-hash");
            assertThat(consent.get("chatflowId").asText()).isEqualTo(flow);
            assertThat(consent.get("chatflowVersion").asInt()).isEqualTo(1);
            assertThat(consent.path("conversationId").isNull() || consent.path("conversationId").isMissingNode())
                    .isTrue();
        });
    }

    String conversationOf(String chatflowId) {
        return given().auth().oauth2(AGENT).queryParam("chatflowId", chatflowId).get("/api/v1/conversations")
                .jsonPath().getString("items[0].id");
    }

    @Test
    void routingAndSurveyEventsBecomeStateAndPromptFrames() {
        String flow = flow("NEVER");
        try (WsClient v = chat().visitor(chat().session("demo", flow))) {
            String conv = ChatTest.start(v, flow);
            ChatTest.send(v, conv, "m1", "Hello");
            TopicReader.send(kafka(), Topics.ROUTING, conv,
                    EventJson.write(ConversationQueued.of("demo", conv, flow, 2, 60L)));
            JsonNode queued = v.await(f -> "QUEUED".equals(f.path("status").asText()), WAIT);
            assertThat(queued.get("queuePosition").asInt()).isEqualTo(2);
            TopicReader.send(kafka(), Topics.ROUTING, conv, EventJson.write(ConversationAssigned.of("demo", conv, flow,
                    DemoTenants.DEMO_AGENT_2.id(), "Ben Agent", null, false, null)));
            JsonNode assigned = v.await(f -> "ASSIGNED".equals(f.path("status").asText()), WAIT);
            assertThat(assigned.get("agent").get("displayName").asText()).as("brand alias").isEqualTo("Acme");
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(AGENT)
                    .queryParam("assignee", DemoTenants.DEMO_AGENT_2.id()).get("/api/v1/conversations")
                    .then().body("items[0].id", equalTo(conv)).body("items[0].status", equalTo("ASSIGNED")));
            TopicReader.send(kafka(), Topics.SURVEYS, conv, EventJson.write(SurveyInvited.of("demo", conv, "s1",
                    "How did we do?", 1, 5)));
            JsonNode prompt = v.await(f -> "SURVEY".equals(f.path("step").asText()), WAIT);
            assertThat(prompt.get("options").get("scaleMax").asInt()).isEqualTo(5);
            v.send("{\"type\":\"surveyAnswer\",\"conversationId\":\"" + conv + "\",\"surveyId\":\"s1\",\"score\":5,"
                    + "\"ref\":\"a\"}");
            v.await(ref("ack", "a"), WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(TopicReader.types(kafka(), Topics.CONVERSATIONS, conv))
                    .contains("SurveyAnswerSubmitted"));
        }
    }

    @Test
    void emailCaptureWhenNoAgentAsksOnceWhileQueued() {
        String flow = flow("WHEN_NO_AGENT");
        try (WsClient v = chat().visitor(chat().session("demo", flow))) {
            String conv = ChatTest.start(v, flow);
            ChatTest.send(v, conv, "m1", "Hello");
            assertThat(v.ofType("prompt")).noneMatch(f -> "EMAIL_CAPTURE".equals(f.path("step").asText()));
            for (int position = 3; position >= 1; position--) {
                TopicReader.send(kafka(), Topics.ROUTING, conv,
                        EventJson.write(ConversationQueued.of("demo", conv, flow, position, 30L)));
            }
            v.await(f -> "QUEUED".equals(f.path("status").asText()) && f.path("queuePosition").asInt() == 1, WAIT);
            v.await(f -> "EMAIL_CAPTURE".equals(f.path("step").asText()), WAIT);
            // The routing consumer handles one record after the other: once ASSIGNED is here, every QUEUED was done.
            TopicReader.send(kafka(), Topics.ROUTING, conv, EventJson.write(ConversationAssigned.of("demo", conv, flow,
                    DemoTenants.DEMO_AGENT_2.id(), "Ben Agent", null, false, null)));
            v.await(f -> "ASSIGNED".equals(f.path("status").asText()), WAIT);
            assertThat(v.ofType("prompt")).filteredOn(f -> "EMAIL_CAPTURE".equals(f.path("step").asText()))
                    .as("asked once, not at every position update").hasSize(1);
        }
    }

    @Test
    void aVisitorBackAfterTheCloseGetsTheSurveyPromptUntilAnswered() {
        String flow = flow("NEVER");
        var session = chat().session("demo", flow);
        String conv;
        try (WsClient v = chat().visitor(session)) {
            conv = ChatTest.start(v, flow);
            ChatTest.send(v, conv, "m1", "Hello");
            v.send("{\"type\":\"close\",\"conversationId\":\"" + conv + "\",\"ref\":\"x\"}");
            v.await(ref("ack", "x"), WAIT);
            TopicReader.send(kafka(), Topics.SURVEYS, conv, EventJson.write(SurveyInvited.of("demo", conv, "s1",
                    "How did we do?", 1, 5)));
            v.await(f -> "SURVEY".equals(f.path("step").asText()), WAIT);
        }
        String hello = "{\"type\":\"hello\",\"resume\":{\"" + conv + "\":1},\"ref\":\"h\"}";
        try (WsClient back = chat().visitor(session)) {
            back.send(hello);
            JsonNode prompt = back.await(f -> "SURVEY".equals(f.path("step").asText()), WAIT);
            assertThat(prompt.get("options").get("surveyId").asText()).isEqualTo("s1");
            back.send("{\"type\":\"surveyAnswer\",\"conversationId\":\"" + conv + "\",\"surveyId\":\"s1\","
                    + "\"score\":4,\"ref\":\"a\"}");
            back.await(ref("ack", "a"), WAIT);
        }
        try (WsClient again = chat().visitor(session)) {
            again.send(hello);
            again.await(ref("ack", "h"), WAIT);
            assertThat(again.ofType("prompt")).as("answered: not asked again").isEmpty();
        }
    }

    @Test
    void identificationTokensProveWhoTheVisitorIs() {
        String flow = flow("NEVER");
        String integration = TestTokens.token("crm", "demo", "integration");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("email", "ann@example.com"))
                .post("/api/v1/visitor-identification/tokens").then().statusCode(403);
        given().auth().oauth2(integration).contentType(ContentType.JSON).body(Map.of("email", "not-an-email"))
                .post("/api/v1/visitor-identification/tokens").then().statusCode(400)
                .contentType("application/problem+json");
        String idToken = given().auth().oauth2(integration).contentType(ContentType.JSON)
                .body(Map.of("email", "ann@example.com", "firstName", "Ann", "lastName", "Lee"))
                .post("/api/v1/visitor-identification/tokens").then().statusCode(200).extract().path("token");
        chat().session("demo", flow);
        Map<String, Object> body = Map.of("portalId", "demo", "chatflowId", flow, "identificationToken", idToken);
        var first = given().contentType(ContentType.JSON).body(body).post("/api/v1/widget/sessions").then()
                .statusCode(200).extract().jsonPath();
        var second = given().contentType(ContentType.JSON).body(body).post("/api/v1/widget/sessions").then()
                .statusCode(200).extract().jsonPath();
        assertThat(second.getString("visitorId")).isEqualTo(first.getString("visitorId"));
        given().contentType(ContentType.JSON).body(Map.of("portalId", "other", "chatflowId", flow,
                "identificationToken", idToken)).post("/api/v1/widget/sessions").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("chatflowId", flow)).post("/api/v1/widget/sessions")
                .then().statusCode(400).contentType("application/problem+json");
        String conv;
        try (WsClient v = chat().visitor(first.getMap(""))) {
            conv = ChatTest.start(v, flow);
            ChatTest.send(v, conv, "m1", "It's Ann");
        }
        try (WsClient again = chat().visitor(second.getMap("")); WsClient stranger = chat().visitor(
                chat().session("demo", flow))) {
            again.send("{\"type\":\"hello\",\"resume\":{\"" + conv + "\":0},\"ref\":\"h\"}");
            again.await(f -> f.path("seq").asLong() == 1, WAIT);
            stranger.send("{\"type\":\"hello\",\"resume\":{\"" + conv + "\":0},\"ref\":\"h\"}");
            assertThat(stranger.await(ref("error", "h"), WAIT).get("code").asText()).isEqualTo("not_found");
        }
        String refreshed = given().contentType(ContentType.JSON).body(Map.of("token", first.getString("token")))
                .post("/api/v1/widget/sessions/refresh").then().statusCode(200).extract().path("visitorId");
        assertThat(refreshed).isEqualTo(first.getString("visitorId"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(TopicReader.types(kafka(), Topics.CONVERSATIONS, conv))
                .contains("VisitorIdentified"));
    }

    @Test
    void agentsCloseReopenAndPageThroughTheInbox() {
        String flow = flow("NEVER");
        String conv;
        try (WsClient v = chat().visitor(chat().session("demo", flow)); WsClient v2 = chat().visitor(
                chat().session("demo", flow))) {
            conv = ChatTest.start(v, flow);
            ChatTest.send(v, conv, "m1", "one");
            ChatTest.send(v2, ChatTest.start(v2, flow), "m1", "two");
        }
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("text", "From the inbox",
                "clientMsgId", "i1")).post("/api/v1/conversations/" + conv + "/messages").then().statusCode(200)
                .body("seq", equalTo(2));
        given().auth().oauth2(AGENT).get("/api/v1/conversations/" + conv + "/messages?afterSeq=1").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].text", equalTo("From the inbox"));
        given().auth().oauth2(AGENT).post("/api/v1/conversations/" + conv + "/close").then().statusCode(204);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("text", "x"))
                .post("/api/v1/conversations/" + conv + "/messages").then().statusCode(409);
        given().auth().oauth2(AGENT).queryParam("status", "CLOSED").queryParam("chatflowId", flow)
                .get("/api/v1/conversations").then().body("items.id", org.hamcrest.Matchers.contains(conv));
        given().auth().oauth2(AGENT).post("/api/v1/conversations/" + conv + "/reopen").then().statusCode(204);
        var page1 = given().auth().oauth2(AGENT).queryParam("chatflowId", flow).queryParam("limit", 1)
                .get("/api/v1/conversations").then().statusCode(200).extract().jsonPath();
        var page2 = given().auth().oauth2(AGENT).queryParam("chatflowId", flow).queryParam("limit", 1)
                .queryParam("cursor", page1.getString("nextCursor")).get("/api/v1/conversations").then()
                .statusCode(200).extract().jsonPath();
        assertThat(List.of(page1.getString("items[0].id"), page2.getString("items[0].id"))).doesNotHaveDuplicates()
                .contains(conv);
        given().auth().oauth2(AGENT).queryParam("status", "NOPE").get("/api/v1/conversations").then()
                .statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/conversations").then().statusCode(401);
        await().atMost(WAIT).untilAsserted(() -> assertThat(TopicReader.types(kafka(), Topics.CONVERSATIONS, conv))
                .containsSubsequence("ConversationClosed", "ConversationReopened"));
    }
}
