package dev.parley.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.SurveyAnswerSubmitted;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.survey.domain.DstFixture;
import dev.parley.survey.domain.DstFixture.Close;
import dev.parley.survey.domain.Scale;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-computed {@link DstFixture} played through Kafka (every event sent twice) and read back from the report
 * endpoints in Europe/Berlin: the figures must be exactly those of {@code CsatReportTest}.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReportTest {

    private static final String PORTAL = "report-portal";
    private static final String ADMIN = TestTokens.admin("report-admin", PORTAL);
    private static final String BERLIN = "?from=2026-03-28&to=2026-03-30&timeZone=Europe/Berlin";

    private static String chatflow1;
    private static String chatflow2;

    /** Once for the class, from the first test (RestAssured knows the test port only once a test runs). */
    @BeforeEach
    void playTheFixtureOnce() {
        if (chatflow1 == null) {
            playTheFixture();
        }
    }

    private void playTheFixture() {
        String five = Fixtures.createSurvey(ADMIN, Fixtures.survey("Five", "CHAT", "FIVE_POINT", false));
        String emoji = Fixtures.createSurvey(ADMIN, Fixtures.survey("Emoji", "CHAT", "EMOJI_3", false));
        String flow1 = UUID.randomUUID().toString();
        String flow2 = UUID.randomUUID().toString();
        chatflow1 = flow1;
        chatflow2 = flow2;
        Fixtures.publishChatflow(PORTAL, chatflow1, five, "en", List.of(DstFixture.TEAM_1), ADMIN);
        Fixtures.publishChatflow(PORTAL, chatflow2, emoji, "en", null, ADMIN);
        for (Close c : DstFixture.CLOSES) {
            play(c, c.scale() == Scale.FIVE_POINT ? five : emoji);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(report().getInt("report.total.answered"))
                .isEqualTo(6));
    }

    private void play(Close c, String surveyId) {
        String flow = c.chatflowId().equals(DstFixture.CHATFLOW_1) ? chatflow1 : chatflow2;
        String conv = UUID.randomUUID().toString();
        twice(new ConversationStarted(UUID.randomUUID(), PORTAL, c.closedAt().minusSeconds(600), conv, flow, 1, null,
                "visitor-" + c.n(), null, null, "WEB"));
        String previous = null;
        for (String agent : c.agents()) {
            twice(previous == null
                    ? new ConversationAssigned(UUID.randomUUID(), PORTAL, c.closedAt().minusSeconds(300), conv, flow,
                    agent, agent, null, false, null)
                    : new ConversationTransferred(UUID.randomUUID(), PORTAL, c.closedAt().minusSeconds(200), conv,
                    flow, previous, agent, null, previous));
            previous = agent;
        }
        twice(new ConversationClosed(UUID.randomUUID(), PORTAL, c.closedAt(), conv, flow, "AGENT", previous,
                previous));
        if (c.score() != null) {
            twice(new SurveyAnswerSubmitted(UUID.randomUUID(), PORTAL, c.closedAt().plusSeconds(60), conv, surveyId,
                    "visitor-" + c.n(), c.score(), "comment " + c.n()));
        }
    }

    private static void twice(dev.parley.contracts.ParleyEvent event) {
        String json = Topic.send(event);
        Topic.send(event.topic(), event.key(), json);
    }

    private static JsonPath report() {
        return given().auth().oauth2(ADMIN).get("/api/v1/surveys/reports/csat" + BERLIN).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void theReportIsTheHandComputedOne() {
        // Routing events travel on their own topic and may be applied after the close: wait for them too.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::handComputed);
    }

    private void handComputed() {
        JsonPath r = report();

        assertThat(r.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(r.getMap("report.total")).containsEntry("invited", 8).containsEntry("answered", 6)
                .containsEntry("satisfied", 3).containsEntry("csat", 50.0f).containsEntry("responseRate", 75.0f);
        assertThat(r.getMap("report.distribution.FIVE_POINT"))
                .isEqualTo(Map.of("1", 0, "2", 1, "3", 1, "4", 1, "5", 1));
        assertThat(r.getMap("report.distribution.EMOJI_3")).isEqualTo(Map.of("1", 1, "2", 0, "3", 1));
        assertThat(figures(r, "byAgent")).containsExactly(
                "agent-a 4 4 2 50.0 100.0", "agent-b 4 3 2 66.7 75.0", "unknown 1 0 0 null 0.0");
        assertThat(figures(r, "byTeam")).containsExactly("team-1 5 4 2 50.0 80.0", "unknown 3 2 1 50.0 66.7");
        assertThat(figures(r, "byChatflow")).containsExactlyInAnyOrder(
                chatflow1 + " 5 4 2 50.0 80.0", chatflow2 + " 3 2 1 50.0 66.7");
        assertThat(figures(r, "byDay")).containsExactly("2026-03-28 2 2 1 50.0 100.0",
                "2026-03-29 4 3 2 66.7 75.0", "2026-03-30 2 1 0 0.0 50.0");
        assertThat(figures(r, "byWeek")).containsExactly("2026-W13 6 5 3 60.0 83.3", "2026-W14 2 1 0 0.0 50.0");
    }

    @Test
    void utcCutsTheSameClosesDifferently() {
        JsonPath r = given().auth().oauth2(ADMIN)
                .get("/api/v1/surveys/reports/csat?from=2026-03-28&to=2026-03-30").then().statusCode(200)
                .extract().jsonPath();

        assertThat(r.getString("timeZone")).isEqualTo("UTC");
        // UTC: #1 (the 27th) is out, #9 (22:00 on the 30th) is in.
        assertThat(r.getInt("report.total.invited")).isEqualTo(8);
        assertThat(figures(r, "byDay")).containsExactly("2026-03-28 2 2 1 50.0 100.0",
                "2026-03-29 4 3 1 33.3 75.0", "2026-03-30 2 1 1 100.0 50.0");
    }

    @Test
    void theAnswersListPagesWithCommentsAndConversations() {
        var first = given().auth().oauth2(ADMIN).get("/api/v1/surveys/reports/answers" + BERLIN + "&size=4")
                .then().statusCode(200).body("total", equalTo(6)).body("items", hasSize(4)).extract().jsonPath();
        var second = given().auth().oauth2(ADMIN).get("/api/v1/surveys/reports/answers" + BERLIN + "&size=4&page=1")
                .then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();

        assertThat(first.getString("items[0].comment")).isEqualTo("comment 7");
        assertThat(first.getInt("items[0].score")).isEqualTo(2);
        assertThat(first.getString("items[0].conversationId")).isNotBlank();
        assertThat(second.getString("items[1].comment")).isEqualTo("comment 1");
        assertThat(Instant.parse(second.getString("items[1].answeredAt")))
                .isEqualTo(Instant.parse("2026-03-27T23:31:00Z"));
    }

    @Test
    void badParametersAreProblemsAndOtherPortalsSeeNothing() {
        for (String[] bad : new String[][] {{"timeZone=Mars/Olympus", "timeZone"}, {"from=28.03.2026", "from"},
                {"from=2026-03-30&to=2026-03-28", "to"}, {"from=2020-01-01&to=2026-01-01", "to"},
                {"surveyId=nope", "surveyId"}}) {
            given().auth().oauth2(ADMIN).get("/api/v1/surveys/reports/csat?" + bad[0]).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo(bad[1]));
        }
        given().auth().oauth2(ADMIN).get("/api/v1/surveys/reports/answers" + BERLIN + "&size=500").then()
                .statusCode(400).body("field", equalTo("size"));
        given().auth().oauth2(TestTokens.agent("report-agent", PORTAL)).get("/api/v1/surveys/reports/csat")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin("intruder", "other-report-portal"))
                .get("/api/v1/surveys/reports/csat" + BERLIN).then().statusCode(200)
                .body("report.total.invited", equalTo(0));
    }

    private static List<String> figures(JsonPath r, String breakdown) {
        List<Map<String, Object>> rows = r.getList("report." + breakdown);
        return rows.stream().map(f -> f.get("key") + " " + f.get("invited") + " " + f.get("answered") + " "
                + f.get("satisfied") + " " + f.get("csat") + " " + f.get("responseRate")).toList();
    }
}
