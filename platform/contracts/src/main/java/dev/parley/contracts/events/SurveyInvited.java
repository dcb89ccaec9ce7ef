package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The closed conversation gets the survey prompt. {@code scale}: FIVE_POINT (1-5) or EMOJI_3 (1-3, 3 the happiest
 * face); {@code language} is the language of the texts; the follow-up for a low score (at most 2 on FIVE_POINT, 1 on
 * EMOJI_3) or a high one (at least 4, resp. 3) and the thank-you text may be null; an answer given after
 * {@code expiresAt} is refused.
 */
public record SurveyInvited(UUID eventId, String portalId, Instant occurredAt, String conversationId, String surveyId,
        String question, int scaleMin, int scaleMax, String scale, String language, String followUpLow,
        String followUpHigh, String thankYou, Instant expiresAt) implements SurveyEvent {

    public static SurveyInvited of(String portalId, String conversationId, String surveyId, String question,
            int scaleMin, int scaleMax) {
        return new SurveyInvited(UUID.randomUUID(), portalId, Instant.now(), conversationId, surveyId, question,
                scaleMin, scaleMax, null, null, null, null, null, null);
    }

    public static SurveyInvited of(String portalId, String conversationId, String surveyId, String question,
            int scaleMin, int scaleMax, String scale, String language, String followUpLow, String followUpHigh,
            String thankYou, Instant expiresAt) {
        return new SurveyInvited(UUID.randomUUID(), portalId, Instant.now(), conversationId, surveyId, question,
                scaleMin, scaleMax, scale, language, followUpLow, followUpHigh, thankYou, expiresAt);
    }
}
