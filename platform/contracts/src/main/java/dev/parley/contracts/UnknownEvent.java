package dev.parley.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An event of a type this build does not know (a newer producer); consumers skip it. */
public record UnknownEvent(String type, UUID eventId, String portalId, Instant occurredAt, JsonNode raw)
        implements ParleyEvent {

    @Override
    public String key() {
        return null;
    }

    @Override
    public String topic() {
        return null;
    }
}
