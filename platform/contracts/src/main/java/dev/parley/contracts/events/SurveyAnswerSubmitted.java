package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The visitor answered the satisfaction survey on the socket. */
public record SurveyAnswerSubmitted(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String surveyId, String visitorId, int score, String comment) implements ConversationEvent {

    public static SurveyAnswerSubmitted of(String portalId, String conversationId, String surveyId, String visitorId,
            int score, String comment) {
        return new SurveyAnswerSubmitted(UUID.randomUUID(), portalId, Instant.now(), conversationId, surveyId,
                visitorId, score, comment);
    }
}
