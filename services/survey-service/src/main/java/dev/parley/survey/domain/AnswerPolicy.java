package dev.parley.survey.domain;

import java.time.Instant;

/**
 * Whether a visitor's answer counts: it must answer the conversation's latest invitation for that survey, before the
 * invitation expires (judged at the time the visitor answered, so a late redelivery does not turn it down), once, with
 * a score on the invitation's scale.
 */
public final class AnswerPolicy {

    public enum Verdict { ACCEPTED, UNKNOWN_INVITATION, DUPLICATE, EXPIRED, OUT_OF_RANGE }

    /** The invitation an answer is matched against; null when the conversation has none. */
    public record Invitation(String surveyId, Scale scale, Instant expiresAt, boolean answered) {
    }

    public static final int COMMENT = 2000;

    private AnswerPolicy() {
    }

    public static Verdict judge(Invitation invitation, String surveyId, int score, Instant answeredAt) {
        if (invitation == null || !invitation.surveyId().equals(surveyId)) {
            return Verdict.UNKNOWN_INVITATION;
        }
        if (invitation.answered()) {
            return Verdict.DUPLICATE;
        }
        if (answeredAt == null || !answeredAt.isBefore(invitation.expiresAt())) {
            return Verdict.EXPIRED;
        }
        return invitation.scale().inRange(score) ? Verdict.ACCEPTED : Verdict.OUT_OF_RANGE;
    }

    /**
     * The comment as stored: trimmed, blank = none, cut to {@link #COMMENT} characters, control characters other
     * than line breaks and tabs removed (PostgreSQL refuses NUL; the visitor was already acknowledged, so a stray
     * character must not cost them their answer).
     */
    public static String comment(String raw) {
        if (raw == null) {
            return null;
        }
        String clean = raw.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "").strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() <= COMMENT) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(COMMENT - 1)) ? COMMENT - 1 : COMMENT;
        return clean.substring(0, end);
    }
}
