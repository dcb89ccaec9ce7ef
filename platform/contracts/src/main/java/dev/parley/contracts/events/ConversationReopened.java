package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A closed conversation was opened again. */
public record ConversationReopened(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String reopenedBy) implements ConversationEvent {

    public static ConversationReopened of(String portalId, String conversationId, String reopenedBy) {
        return new ConversationReopened(UUID.randomUUID(), portalId, Instant.now(), conversationId, reopenedBy);
    }
}
