package dev.parley.conversation.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.contracts.events.SurveyInvited;

/**
 * The {@code surveyAnswer} frame (server → agent): the visitor's stored CSAT answer, shown in the thread. Only agents
 * get it; it is not a message of the thread (no seq), so an inbox opened later reads the answer from survey-service
 * ({@code GET /api/v1/surveys/responses?conversationId=}).
 */
public final class SurveyFrames {

    private SurveyFrames() {
    }

    /**
     * The SURVEY prompt's options: the survey, its scale, and (when the survey has them) the follow-up question for
     * a low and for a high score, the thank-you text and when the invitation stops being answerable.
     */
    public static ObjectNode inviteOptions(SurveyInvited s) {
        ObjectNode options = Frames.object();
        options.put("surveyId", s.surveyId());
        options.put("scaleMin", s.scaleMin());
        options.put("scaleMax", s.scaleMax());
        putIfPresent(options, "scale", s.scale());
        putIfPresent(options, "language", s.language());
        putIfPresent(options, "followUpLow", s.followUpLow());
        putIfPresent(options, "followUpHigh", s.followUpHigh());
        putIfPresent(options, "thankYou", s.thankYou());
        putIfPresent(options, "expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
        return options;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    public static String answer(SurveyAnswered a) {
        ObjectNode f = Frames.frame("surveyAnswer");
        f.put("conversationId", a.conversationId());
        f.put("surveyId", a.surveyId());
        f.put("responseId", a.responseId());
        f.put("score", a.score());
        if (a.comment() != null) {
            f.put("comment", a.comment());
        }
        putIfPresent(f, "answeredAt", a.occurredAt() == null ? null : a.occurredAt().toString());
        return f.toString();
    }
}
