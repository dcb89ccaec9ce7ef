package dev.parley.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A new immutable version was published; the full snapshot of its settings. */
public record ChatflowPublished(
        UUID eventId,
        String portalId,
        Instant occurredAt,
        String chatflowId,
        int version,
        String kind,
        JsonNode snapshot) implements ChatflowEvent {

    public static ChatflowPublished of(String portalId, String chatflowId, int version, String kind, JsonNode snapshot) {
        return new ChatflowPublished(UUID.randomUUID(), portalId, Instant.now(), chatflowId, version, kind, snapshot);
    }

    @Override
    public String key() {
        return chatflowId;
    }
}
