package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The closed conversation gets the survey prompt. */
public record SurveyInvited(UUID eventId, String portalId, Instant occurredAt, String conversationId, String surveyId,
        String question, int scaleMin, int scaleMax) implements SurveyEvent {

    public static SurveyInvited of(String portalId, String conversationId, String surveyId, String question,
            int scaleMin, int scaleMax) {
        return new SurveyInvited(UUID.randomUUID(), portalId, Instant.now(), conversationId, surveyId, question,
                scaleMin, scaleMax);
    }
}
