package dev.parley.conversation.domain;

import java.util.Optional;

/** Whether a message may be stored in a conversation right now; the error code (PROTOCOL.md) when not. */
public final class PostPolicy {

    public static final int MAX_TEXT_CHARS = 4000;

    private PostPolicy() {
    }

    public static Optional<String> refusal(Conversation c, String sender, String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("bad_frame");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            return Optional.of("too_large");
        }
        if (c.closed() && !"SYSTEM".equals(sender)) {
            return Optional.of("closed");
        }
        if ("VISITOR".equals(sender) && c.consentRequired() && !c.consentGiven()) {
            return Optional.of("consent_required");
        }
        return Optional.empty();
    }

    /** Email capture "when no agent is available": asked while the conversation waits in the queue. */
    public static boolean askEmailWhenNoAgent(Conversation c) {
        return !c.emailAsked() && c.contactEmail() == null && !c.closed()
                && "WHEN_NO_AGENT".equals(c.emailCaptureMode());
    }

    /** Email capture asks once, at the configured moment (FEATURES.md: before chat or after the first message). */
    public static boolean askEmailAfterFirstMessage(Conversation c) {
        return !c.emailAsked() && c.contactEmail() == null && "AFTER_FIRST_MESSAGE".equals(c.emailCaptureMode());
    }
}
