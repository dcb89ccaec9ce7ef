package dev.parley.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.SurveyAnswerSubmitted;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Close -> SurveyInvited -> answer -> stored -> SurveyAnswered, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SurveyFlowTest {

    private static final String PORTAL = "flow-portal";
    private static final String ADMIN = TestTokens.admin("flow-admin", PORTAL);
    private static final String AGENT = TestTokens.agent("agent-1", PORTAL);

    @Test
    void aClosedConversationIsInvitedOnceAndItsAnswerStoredOnce() {
        String surveyId = Fixtures.createSurvey(ADMIN, Fixtures.survey("After chat", "CHAT", "FIVE_POINT", false));
        String chatflowId = UUID.randomUUID().toString();
        Fixtures.publishChatflow(PORTAL, chatflowId, surveyId, "de", List.of("team-9"), ADMIN);
        String conv = UUID.randomUUID().toString();
        Topic.send(ConversationStarted.of(PORTAL, conv, chatflowId, 1, "inbox-1", "visitor-1", null, null, "WEB"));
        Topic.send(ConversationAssigned.of(PORTAL, conv, chatflowId, "agent-1", "Ada", null, false, null));
        Topic.send(ConversationTransferred.of(PORTAL, conv, chatflowId, "agent-1", "agent-2", null, "agent-1"));
        String close = Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "AGENT", "agent-2", "agent-2"));

        JsonNode invited = Topic.ofType(Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyInvited", 1)),
                "SurveyInvited").get(0);
        assertThat(invited.get("surveyId").asText()).isEqualTo(surveyId);
        assertThat(invited.get("question").asText()).isEqualTo("Wie war unser Service?");
        assertThat(invited.get("language").asText()).isEqualTo("de");
        assertThat(invited.get("followUpLow").asText()).isEqualTo("What went wrong?");
        assertThat(invited.get("scaleMin").asInt()).isEqualTo(1);
        assertThat(invited.get("scaleMax").asInt()).isEqualTo(5);
        assertThat(Instant.parse(invited.get("expiresAt").asText())).isAfter(Instant.now().plus(Duration.ofHours(167)));

        double duplicates = Metrics.answers("DUPLICATE");
        Topic.send(Topics.CONVERSATIONS, conv, close);                                       // redelivery
        Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "SYSTEM", null, null));   // a second close
        var answer = SurveyAnswerSubmitted.of(PORTAL, conv, surveyId, "visitor-1", 4, "  Quick and <b>kind</b> ");
        String answerJson = Topic.send(answer);
        Topic.send(Topics.CONVERSATIONS, conv, answerJson);                                   // redelivery
        Topic.send(SurveyAnswerSubmitted.of(PORTAL, conv, surveyId, "visitor-1", 1, "changed my mind"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Metrics.answers("DUPLICATE") >= duplicates + 1);
        List<JsonNode> events = Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyAnswered", 1));
        assertThat(Topic.ofType(events, "SurveyInvited")).hasSize(1);
        JsonNode answered = Topic.ofType(events, "SurveyAnswered").get(0);
        assertThat(Topic.ofType(events, "SurveyAnswered")).hasSize(1);
        assertThat(answered.get("score").asInt()).isEqualTo(4);
        assertThat(answered.get("comment").asText()).isEqualTo("Quick and <b>kind</b>");

        given().auth().oauth2(AGENT).get("/api/v1/surveys/responses?conversationId=" + conv).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].score", equalTo(4)).body("[0].satisfied", equalTo(true))
                .body("[0].agentIds", containsInAnyOrder("agent-1", "agent-2")).body("[0].teamId", equalTo("team-9"))
                .body("[0].chatflowId", equalTo(chatflowId))
                .body("[0].responseId", equalTo(answered.get("responseId").asText()));
        given().auth().oauth2(TestTokens.agent("x", "another-portal"))
                .get("/api/v1/surveys/responses?conversationId=" + conv).then().statusCode(200).body("$", hasSize(0));
        assertThat(Metrics.answers("DUPLICATE")).isEqualTo(duplicates + 1);
    }

    @Test
    void aCloseThatOvertakesItsChatflowsFirstPublishWaitsForItAndIsStillInvited() {
        String surveyId = Fixtures.createSurvey(ADMIN, Fixtures.survey("Overtaken", "CHAT", "FIVE_POINT", false));
        String chatflowId = UUID.randomUUID().toString();
        String conv = UUID.randomUUID().toString();
        double waits = Metrics.counter("parley_survey_catalog_waits_total", "reason", "unknown-chatflow");
        Topic.send(ConversationStarted.of(PORTAL, conv, chatflowId, 1, "inbox-1", "visitor-1", null, null, "WEB"));
        Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "VISITOR", "visitor-1", null));
        // The close is being held: the catalog has been asked at least once and did not know the chatflow.
        await().atMost(Duration.ofSeconds(15)).until(() ->
                Metrics.counter("parley_survey_catalog_waits_total", "reason", "unknown-chatflow") > waits);
        Fixtures.publishChatflow(PORTAL, chatflowId, surveyId, null, null, ADMIN);

        JsonNode invited = Topic.ofType(Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyInvited", 1)),
                "SurveyInvited").get(0);
        assertThat(invited.get("surveyId").asText()).isEqualTo(surveyId);
    }

    @Test
    void refusedAnswersAreCountedByReasonAndNeverStored() {
        String surveyId = Fixtures.createSurvey(ADMIN, Fixtures.survey("Emoji", "CHAT", "EMOJI_3", false));
        String chatflowId = UUID.randomUUID().toString();
        Fixtures.publishChatflow(PORTAL, chatflowId, surveyId, null, null, ADMIN);
        String conv = UUID.randomUUID().toString();
        String never = UUID.randomUUID().toString();
        double unknown = Metrics.answers("UNKNOWN_INVITATION");
        double range = Metrics.answers("OUT_OF_RANGE");
        double expired = Metrics.answers("EXPIRED");
        Instant closedAt = Instant.now().minus(Duration.ofDays(10));
        Topic.send(new ConversationClosed(UUID.randomUUID(), PORTAL, closedAt, conv, chatflowId, "AGENT", "agent-1",
                "agent-1"));
        Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyInvited", 1));

        Topic.send(SurveyAnswerSubmitted.of(PORTAL, never, surveyId, "visitor-2", 3, null));
        Topic.send(SurveyAnswerSubmitted.of(PORTAL, conv, UUID.randomUUID().toString(), "visitor-2", 3, null));
        Topic.send(new SurveyAnswerSubmitted(UUID.randomUUID(), PORTAL, closedAt.plus(Duration.ofHours(1)), conv,
                surveyId, "visitor-2", 5, "five of three"));
        Topic.send(SurveyAnswerSubmitted.of(PORTAL, conv, surveyId, "visitor-2", 3, "a week too late"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.answers("UNKNOWN_INVITATION")).isEqualTo(unknown + 2);
            assertThat(Metrics.answers("OUT_OF_RANGE")).isEqualTo(range + 1);
            assertThat(Metrics.answers("EXPIRED")).isEqualTo(expired + 1);
        });
        given().auth().oauth2(AGENT).get("/api/v1/surveys/responses?conversationId=" + conv).then()
                .statusCode(200).body("$", hasSize(0));
        assertThat(Topic.ofType(Topic.readUntil(Topics.SURVEYS, conv, l -> false), "SurveyAnswered")).isEmpty();
    }

    @Test
    void aReopenedConversationIsInvitedOnceMoreWhenTheSurveyAllowsItAndNeverAThirdTime() {
        String surveyId = Fixtures.createSurvey(ADMIN, Fixtures.survey("Again", "CHAT", "FIVE_POINT", true));
        String strictId = Fixtures.createSurvey(ADMIN, Fixtures.survey("Once", "CHAT", "FIVE_POINT", false));
        String chatflowId = UUID.randomUUID().toString();
        String strictFlow = UUID.randomUUID().toString();
        Fixtures.publishChatflow(PORTAL, chatflowId, surveyId, "en", null, ADMIN);
        Fixtures.publishChatflow(PORTAL, strictFlow, strictId, "en", null, ADMIN);
        String conv = UUID.randomUUID().toString();
        String strict = UUID.randomUUID().toString();
        for (int round = 0; round < 3; round++) {
            Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "AGENT", "agent-1", "agent-1"));
            Topic.send(ConversationReopened.of(PORTAL, conv, "visitor-1"));
            Topic.send(ConversationClosed.of(PORTAL, strict, strictFlow, "AGENT", "agent-1", "agent-1"));
            Topic.send(ConversationReopened.of(PORTAL, strict, "visitor-1"));
        }
        // Events of one conversation are handled in order: once its answer is announced, every close was handled.
        Topic.send(SurveyAnswerSubmitted.of(PORTAL, conv, surveyId, "visitor-1", 5, null));
        Topic.send(SurveyAnswerSubmitted.of(PORTAL, strict, strictId, "visitor-1", 5, null));

        assertThat(Topic.ofType(Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyAnswered", 1)),
                "SurveyInvited")).hasSize(2);
        assertThat(Topic.ofType(Topic.readUntil(Topics.SURVEYS, strict, Topic.has("SurveyAnswered", 1)),
                "SurveyInvited")).hasSize(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextCloseIsStillInvited() {
        String surveyId = Fixtures.createSurvey(ADMIN, Fixtures.survey("Poison", "CHAT", "FIVE_POINT", false));
        String chatflowId = UUID.randomUUID().toString();
        Fixtures.publishChatflow(PORTAL, chatflowId, surveyId, "en", null, ADMIN);
        String conv = UUID.randomUUID().toString();
        String poison = "{\"type\":\"ConversationClosed\", \"conv\": \"" + conv + "\", not json";
        Topic.send(Topics.CONVERSATIONS, conv, poison);
        Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "AGENT", "agent-1", "agent-1"));

        assertThat(Topic.ofType(Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyInvited", 1)),
                "SurveyInvited")).hasSize(1);
        assertThat(Topic.readRaw(Topics.dlq(Topics.CONVERSATIONS), conv)).contains(poison);
    }

    @Test
    void aChatflowWithoutASurveyOrWithAnArchivedOrEmailSurveyInvitesNobody() {
        String email = Fixtures.createSurvey(ADMIN, Fixtures.survey("By email", "EMAIL", "FIVE_POINT", false));
        String archived = Fixtures.createSurvey(ADMIN, Fixtures.survey("Old", "CHAT", "FIVE_POINT", false));
        given().auth().oauth2(ADMIN).post("/api/v1/surveys/" + archived + "/archive").then().statusCode(200);
        String foreign = Fixtures.createSurvey(TestTokens.admin("x", "foreign-portal"),
                Fixtures.survey("Foreign", "CHAT", "FIVE_POINT", false));
        String ok = Fixtures.createSurvey(ADMIN, Fixtures.survey("Fine", "CHAT", "FIVE_POINT", false));
        for (String survey : new String[] {email, archived, foreign, null}) {
            String chatflowId = UUID.randomUUID().toString();
            Fixtures.publishChatflow(PORTAL, chatflowId, survey, "en", null, ADMIN);
            String conv = UUID.randomUUID().toString();
            Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "AGENT", "agent-1", "agent-1"));
            // A later answer to a real invitation on the same conversation key proves the close was handled.
            String okFlow = UUID.randomUUID().toString();
            Fixtures.publishChatflow(PORTAL, okFlow, ok, "en", null, ADMIN);
            Topic.send(ConversationReopened.of(PORTAL, conv, "visitor-1"));
            Topic.send(ConversationStarted.of(PORTAL, conv, okFlow, 1, null, "visitor-1", null, null, "WEB"));
            Topic.send(ConversationClosed.of(PORTAL, conv, okFlow, "AGENT", "agent-1", "agent-1"));
            List<JsonNode> events = Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyInvited", 1));
            assertThat(Topic.ofType(events, "SurveyInvited")).hasSize(1)
                    .allSatisfy(e -> assertThat(e.get("surveyId").asText()).isEqualTo(ok));
        }
    }
}
