package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The visitor typed an email at the email-capture step; unlike {@link VisitorIdentified} it proves no identity. */
public record EmailCaptured(UUID eventId, String portalId, Instant occurredAt, String conversationId, String visitorId,
        String email) implements ConversationEvent {

    public static EmailCaptured of(String portalId, String conversationId, String visitorId, String email) {
        return new EmailCaptured(UUID.randomUUID(), portalId, Instant.now(), conversationId, visitorId, email);
    }
}
