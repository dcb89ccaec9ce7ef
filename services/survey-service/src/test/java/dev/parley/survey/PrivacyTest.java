package dev.parley.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ErasureRequested;
import dev.parley.contracts.events.ExportRequested;
import dev.parley.contracts.events.SurveyAnswerSubmitted;
import dev.parley.contracts.events.VisitorIdentified;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasure and export of a subject's answers through parley.privacy.v1, as consent-service asks for them. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PrivacyTest {

    private static final String PORTAL = "privacy-portal";
    private static final String ADMIN = TestTokens.admin("privacy-admin", PORTAL);

    @Test
    void exportFindsTheAnswersByEmailAndErasureClearsCommentAndIdentityOnce() {
        String email = "ada." + UUID.randomUUID() + "@example.com";
        String visitor = "visitor-" + UUID.randomUUID();
        String identified = answered(visitor, null, email, 2, "The agent was rude");
        String byVisitor = answered(visitor, null, null, 5, "Great, thanks Ada");
        String someoneElse = answered("visitor-" + UUID.randomUUID(), "bob@example.com", null, 4, "Fine");

        JsonNode part = requestAndAwait(ExportRequested.of(PORTAL, "export-1", email.toUpperCase()), "ExportPart");
        assertThat(part.get("service").asText()).isEqualTo("survey-service");
        JsonNode answers = part.get("data").get("surveyAnswers");
        assertThat(answers).hasSize(2);
        assertThat(answers.findValuesAsText("comment")).containsExactlyInAnyOrder("The agent was rude",
                "Great, thanks Ada");

        JsonNode erased = requestAndAwait(ErasureRequested.of(PORTAL, "erase-1", email), "ErasureCompleted");
        assertThat(erased.get("itemsErased").asLong()).isEqualTo(2 + 2);
        // two answers and two conversations: the second is the subject's through the visitor id the email named
        for (String conv : List.of(identified, byVisitor)) {
            given().auth().oauth2(ADMIN).get("/api/v1/surveys/responses?conversationId=" + conv).then()
                    .statusCode(200).body("[0].comment", nullValue()).body("[0].score", equalTo(
                            conv.equals(identified) ? 2 : 5));
        }
        given().auth().oauth2(ADMIN).get("/api/v1/surveys/responses?conversationId=" + someoneElse).then()
                .body("[0].comment", equalTo("Fine"));

        JsonNode again = requestAndAwait(ErasureRequested.of(PORTAL, "erase-2", email), "ErasureCompleted");
        assertThat(again.get("itemsErased").asLong()).isZero();
        JsonNode byId = requestAndAwait(ErasureRequested.of(PORTAL, "erase-3", visitor), "ErasureCompleted");
        assertThat(byId.get("itemsErased").asLong()).isZero();
        JsonNode empty = requestAndAwait(ExportRequested.of(PORTAL, "export-2", email), "ExportPart");
        assertThat(empty.get("data").get("surveyAnswers")).isEmpty();
        JsonNode foreign = requestAndAwait(ExportRequested.of("another-portal", "export-3", "bob@example.com"),
                "ExportPart");
        assertThat(foreign.get("data").get("surveyAnswers")).isEmpty();
    }

    /** A closed, invited, answered conversation; the email comes from the start or from an identification. */
    private String answered(String visitor, String startEmail, String identifiedEmail, int score, String comment) {
        String surveyId = Fixtures.createSurvey(ADMIN, Fixtures.survey("Privacy", "CHAT", "FIVE_POINT", false));
        String chatflowId = UUID.randomUUID().toString();
        Fixtures.publishChatflow(PORTAL, chatflowId, surveyId, "en", null, ADMIN);
        String conv = UUID.randomUUID().toString();
        Topic.send(ConversationStarted.of(PORTAL, conv, chatflowId, 1, null, visitor, startEmail, null, "WEB"));
        if (identifiedEmail != null) {
            Topic.send(VisitorIdentified.of(PORTAL, conv, visitor, identifiedEmail, "Ada", "L"));
        }
        Topic.send(ConversationClosed.of(PORTAL, conv, chatflowId, "AGENT", "agent-1", "agent-1"));
        Topic.send(SurveyAnswerSubmitted.of(PORTAL, conv, surveyId, visitor, score, comment));
        Topic.readUntil(Topics.SURVEYS, conv, Topic.has("SurveyAnswered", 1));
        return conv;
    }

    private static JsonNode requestAndAwait(dev.parley.contracts.ParleyEvent request, String reply) {
        Topic.send(request);
        String requestId = request instanceof ErasureRequested e ? e.requestId() : ((ExportRequested) request)
                .requestId();
        List<JsonNode> replies = Topic.readUntil(Topics.PRIVACY, request.key(), events -> Topic.ofType(events, reply)
                .stream().anyMatch(e -> requestId.equals(e.path("requestId").asText())));
        return Topic.ofType(replies, reply).stream().filter(e -> requestId.equals(e.path("requestId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + reply + " for " + requestId));
    }
}
