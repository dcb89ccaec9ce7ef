package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** survey-service stored a response. */
public record SurveyAnswered(UUID eventId, String portalId, Instant occurredAt, String conversationId, String surveyId,
        String responseId, int score, String comment) implements SurveyEvent {

    public static SurveyAnswered of(String portalId, String conversationId, String surveyId, String responseId,
            int score, String comment) {
        return new SurveyAnswered(UUID.randomUUID(), portalId, Instant.now(), conversationId, surveyId, responseId,
                score, comment);
    }
}
