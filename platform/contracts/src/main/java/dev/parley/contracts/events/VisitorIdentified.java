package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A signed identity linked the visitor to a known contact. */
public record VisitorIdentified(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String visitorId, String contactEmail, String firstName, String lastName) implements ConversationEvent {

    public static VisitorIdentified of(String portalId, String conversationId, String visitorId, String contactEmail,
            String firstName, String lastName) {
        return new VisitorIdentified(UUID.randomUUID(), portalId, Instant.now(), conversationId, visitorId,
                contactEmail, firstName, lastName);
    }
}
