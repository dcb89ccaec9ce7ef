package dev.parley.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A new immutable version was published. {@code kind}: WEBSITE or MOBILE; {@code snapshot}: the version's full
 * public and internal settings, which consumers keep as their local copy of the chatflow.
 */
public record ChatflowPublished(UUID eventId, String portalId, Instant occurredAt, String chatflowId, int version,
        String kind, JsonNode snapshot) implements ChatflowEvent {

    public static ChatflowPublished of(String portalId, String chatflowId, int version, String kind,
            JsonNode snapshot) {
        return new ChatflowPublished(UUID.randomUUID(), portalId, Instant.now(), chatflowId, version, kind, snapshot);
    }
}
