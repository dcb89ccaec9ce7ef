package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The chatflow is gone; a tombstone for its key follows on the compacted topic. */
public record ChatflowDeleted(UUID eventId, String portalId, Instant occurredAt,
        String chatflowId) implements ChatflowEvent {

    public static ChatflowDeleted of(String portalId, String chatflowId) {
        return new ChatflowDeleted(UUID.randomUUID(), portalId, Instant.now(), chatflowId);
    }
}
