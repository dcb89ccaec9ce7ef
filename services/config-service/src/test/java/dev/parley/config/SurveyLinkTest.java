package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.events.SurveyDefined;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A chatflow may link only a CHAT survey of its own portal that is not archived, as survey-service announced it. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SurveyLinkTest {

    static final String PORTAL = "t-survey";
    static final String OTHER = "t-survey-other";
    static final String ADMIN = TestTokens.admin("survey-admin", PORTAL);

    @Inject
    TestPortals portals;

    @BeforeEach
    void portal() {
        portals.ensure(PORTAL, "UTC");
        portals.ensure(OTHER, "UTC");
    }

    @Test
    void aChatSurveyOfThePortalCanBeLinkedAndAnythingElseIsRefusedNamingTheField() {
        String chat = UUID.randomUUID().toString();
        String email = UUID.randomUUID().toString();
        String archived = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        List<SurveyDefined> events = List.of(
                SurveyDefined.of(PORTAL, chat, "After chat", "CHAT", false, 1),
                SurveyDefined.of(PORTAL, email, "By email", "EMAIL", false, 1),
                SurveyDefined.of(PORTAL, archived, "Old", "CHAT", true, 2),
                // an older revision delivered late never brings an archived survey back
                SurveyDefined.of(PORTAL, archived, "Old, replayed late", "CHAT", false, 1),
                SurveyDefined.of(OTHER, foreign, "Theirs", "CHAT", false, 1),
                // a survey id stays the portal's that announced it first
                SurveyDefined.of(PORTAL, foreign, "Hijack", "CHAT", false, 5));
        events.forEach(Api::survey);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(e -> processed(e.eventId())));

        Api.publish(ADMIN, chatflow(chat));
        refused(chatflow(email), "only a survey delivered in chat can be linked to a chatflow");
        refused(chatflow(archived), "the survey is archived");
        refused(chatflow(foreign), "no such survey in this portal");
        refused(chatflow(UUID.randomUUID().toString()), "no such survey in this portal");
    }

    @Test
    void archivingAfterPublishingRefusesTheNextPublish() {
        String survey = UUID.randomUUID().toString();
        Api.surveyKnown(PORTAL, survey);
        String id = chatflow(survey);
        Api.publishOnceSurveyKnown(ADMIN, id);

        SurveyDefined archive = SurveyDefined.of(PORTAL, survey, "Survey", "CHAT", true, 2);
        Api.survey(archive);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(archive.eventId()));
        given().auth().oauth2(ADMIN).post("/api/v1/chatflows/" + id + "/publish").then().statusCode(400)
                .body("field", equalTo("settings.surveyId"));
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + id).then().body("publishedVersion", equalTo(1));
    }

    private static String chatflow(String surveyId) {
        String inbox = Api.inbox(ADMIN, true);
        return Api.chatflow(ADMIN, Map.of("name", "Linked", "kind", "WEBSITE", "enabled", true, "priority", 1,
                "settings", Map.of("inboxId", inbox, "surveyId", surveyId)));
    }

    /** Refused with a problem naming the field, and nothing published. */
    private static void refused(String chatflowId, String detail) {
        given().auth().oauth2(ADMIN).post("/api/v1/chatflows/" + chatflowId + "/publish").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("settings.surveyId"))
                .body("detail", equalTo(detail));
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + chatflowId).then()
                .body("publishedVersion", equalTo(0));
    }

    private static boolean processed(UUID eventId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .chain(s -> s.createNativeQuery("select count(*) from processed_event where event_id = ?1",
                            Long.class).setParameter(1, eventId).getSingleResult()))) > 0;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
