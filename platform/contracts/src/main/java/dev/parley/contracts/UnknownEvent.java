package dev.parley.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event of a type this build does not know, from a newer producer. Consumers skip it rather than dead-letter it;
 * {@code raw} is the record as received, so a relay can pass it on unchanged.
 */
public record UnknownEvent(String type, UUID eventId, String portalId, Instant occurredAt, JsonNode raw)
        implements ParleyEvent {

    /** Unknown: the record's Kafka key is not part of its value. */
    @Override
    public String key() {
        return null;
    }

    /** Unknown: the topic is where it was read from, not part of the value. */
    @Override
    public String topic() {
        return null;
    }
}
