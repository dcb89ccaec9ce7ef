package dev.parley.survey;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Surveys through the admin API and chatflows through parley.chatflows.v1, as config-service publishes them. */
final class Fixtures {

    private Fixtures() {
    }

    static Map<String, Object> survey(String name, String deliveryMethod, String scale, boolean reinvite) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "deliveryMethod", deliveryMethod,
                "questionType", "CSAT", "scale", scale, "defaultLanguage", "en",
                "question", Map.of("en", "How did we do?", "de", "Wie war unser Service?"),
                "followUpLow", Map.of("en", "What went wrong?"),
                "followUpHigh", Map.of("en", "What did you like?"),
                "thankYou", Map.of("en", "Thank you!"), "answerableHours", 168));
        body.put("reinviteOnReclose", reinvite);
        return body;
    }

    static String createSurvey(String adminToken, Map<String, Object> body) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
    }

    /** Publishes a chatflow linking {@code surveyId} and waits until survey-service's catalog holds it. */
    static void publishChatflow(String portalId, String chatflowId, String surveyId, String language,
                                List<String> teamIds, String token) {
        var settings = new ChatflowSettings("LIVE_CHAT", language, "inbox-1", "Hi", teamIds == null ? null
                : new ChatflowSettings.Assignment(true, List.of(), teamIds), null, null, null, null, null, null,
                null, surveyId, null);
        var snapshot = new ChatflowSnapshot(chatflowId, portalId, 1, "WEBSITE", "Support", true, 0, "UTC",
                Instant.now(), settings);
        Topic.send(ChatflowPublished.of(portalId, chatflowId, 1, "WEBSITE", snapshot));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/v1/catalog/chatflows/" + chatflowId).then().statusCode(200));
    }
}
