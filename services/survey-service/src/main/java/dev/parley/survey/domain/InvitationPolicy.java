package dev.parley.survey.domain;

/**
 * Whether a closing conversation gets a survey invitation. One invitation per conversation; a conversation that was
 * reopened after its invitation and closes again gets exactly one more when the survey allows it, never a third.
 */
public final class InvitationPolicy {

    public static final int MAX_ROUNDS = 2;

    public enum Decision { INVITE, NO_SURVEY, NOT_CHAT, ARCHIVED, ALREADY_INVITED }

    /** The linked survey as far as inviting goes; null = the chatflow links none (or one this portal lacks). */
    public record LinkedSurvey(String deliveryMethod, boolean archived, boolean reinviteOnReclose) {
    }

    /** What happened to the conversation so far. */
    public record History(int invitations, boolean reopenedSinceLastInvitation) {
    }

    private InvitationPolicy() {
    }

    public static Decision decide(LinkedSurvey survey, History history) {
        if (survey == null) {
            return Decision.NO_SURVEY;
        }
        if (!"CHAT".equals(survey.deliveryMethod())) {
            return Decision.NOT_CHAT;
        }
        if (survey.archived()) {
            return Decision.ARCHIVED;
        }
        if (history.invitations() == 0) {
            return Decision.INVITE;
        }
        boolean again = history.invitations() < MAX_ROUNDS && history.reopenedSinceLastInvitation()
                && survey.reinviteOnReclose();
        return again ? Decision.INVITE : Decision.ALREADY_INVITED;
    }
}
