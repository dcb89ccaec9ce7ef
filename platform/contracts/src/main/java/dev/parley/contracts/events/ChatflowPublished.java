package dev.parley.contracts.events;

import dev.parley.contracts.chatflow.ChatflowSnapshot;
import java.time.Instant;
import java.util.UUID;

/**
 * A new immutable version was published. {@code kind}: WEBSITE or MOBILE; {@code snapshot}: the version with all
 * its settings, public and internal, which consumers keep as their local copy of the chatflow.
 */
public record ChatflowPublished(UUID eventId, String portalId, Instant occurredAt, String chatflowId, int version,
        String kind, ChatflowSnapshot snapshot) implements ChatflowEvent {

    public static ChatflowPublished of(String portalId, String chatflowId, int version, String kind,
            ChatflowSnapshot snapshot) {
        return new ChatflowPublished(UUID.randomUUID(), portalId, Instant.now(), chatflowId, version, kind, snapshot);
    }
}
