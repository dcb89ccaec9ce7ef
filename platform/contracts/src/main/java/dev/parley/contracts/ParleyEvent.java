package dev.parley.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries. On the wire an event is one flat JSON object:
 * {@code {"type":"MessagePosted","eventId":"…","portalId":"…","occurredAt":"…Z", …payload}}.
 */
public interface ParleyEvent {

    UUID eventId();

    String portalId();

    Instant occurredAt();

    /** The Kafka key: the aggregate whose events must stay in order. */
    String key();

    /** The topic the event belongs to. */
    String topic();

    /** The JSON {@code type}: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }
}
