package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.contracts.events.SurveyInvited;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.demo.DemoTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** survey-service's SurveyAnswered reaches the portal's agents as a surveyAnswer frame, never the visitor. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SurveyAnswerFrameTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAgentSeesTheAnswerInTheThreadAndTheVisitorGetsTheFullPrompt() {
        ChatTest chat = ChatTest.on(base);
        String flow = chat.chatflow(null, null);
        try (WsClient visitor = chat.visitor(chat.session("demo", flow));
             WsClient agent = chat.agent(ChatTest.AGENT);
             WsClient otherAgent = chat.agent(TestTokens.agent(DemoTenants.OTHER_AGENT.id(), "other"))) {
            String conv = ChatTest.start(visitor, flow);
            ChatTest.send(visitor, conv, "m1", "Hello");
            Instant expires = Instant.parse("2026-12-01T10:00:00Z");
            send(SurveyInvited.of("demo", conv, "s1", "How did we do?", 1, 5, "FIVE_POINT", "en",
                    "What went wrong?", "What did you like?", "Thank you!", expires));
            JsonNode prompt = visitor.await(f -> "SURVEY".equals(f.path("step").asText()), ChatTest.WAIT);
            assertThat(prompt.get("options").get("followUpHigh").asText()).isEqualTo("What did you like?");
            assertThat(prompt.get("options").get("thankYou").asText()).isEqualTo("Thank you!");
            assertThat(prompt.get("options").get("expiresAt").asText()).isEqualTo(expires.toString());

            String responseId = UUID.randomUUID().toString();
            send(SurveyAnswered.of("demo", conv, "s1", responseId, 4, "Quick <b>and</b> kind"));
            JsonNode frame = agent.await(f -> "surveyAnswer".equals(f.path("type").asText()), ChatTest.WAIT);
            assertThat(frame.get("conversationId").asText()).isEqualTo(conv);
            assertThat(frame.get("score").asInt()).isEqualTo(4);
            assertThat(frame.get("comment").asText()).isEqualTo("Quick <b>and</b> kind");
            assertThat(frame.get("responseId").asText()).isEqualTo(responseId);

            // Frames reach one socket in order: once a later broadcast arrived, the answer would have too.
            send(SurveyInvited.of("demo", conv, "s1", "Later", 1, 5));
            visitor.await(f -> "Later".equals(f.path("text").asText()), ChatTest.WAIT);
            assertThat(visitor.ofType("surveyAnswer")).isEmpty();
            otherAgent.send("{\"type\":\"ping\"}");
            otherAgent.await(WsClient.type("pong"), ChatTest.WAIT);
            assertThat(otherAgent.ofType("surveyAnswer")).isEmpty();
        }
    }

    private static void send(dev.parley.contracts.ParleyEvent event) {
        TopicReader.send(ParleyTestInfra.kafkaBootstrap(), Topics.SURVEYS, event.key(), EventJson.write(event));
    }
}
