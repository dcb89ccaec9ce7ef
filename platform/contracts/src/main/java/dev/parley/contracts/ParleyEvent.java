package dev.parley.contracts;

import dev.parley.contracts.events.AvailabilityEvent;
import dev.parley.contracts.events.ChatflowEvent;
import dev.parley.contracts.events.ConsentEvent;
import dev.parley.contracts.events.ConversationEvent;
import dev.parley.contracts.events.PresenceEvent;
import dev.parley.contracts.events.PrivacyEvent;
import dev.parley.contracts.events.RoutingEvent;
import dev.parley.contracts.events.SurveyEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries. On the wire an event is one flat JSON object:
 * {@code {"type":"MessagePosted","eventId":"…","portalId":"…","occurredAt":"…Z", …payload}}.
 *
 * <p>Sealed per topic, so a consumer's {@code switch} over a topic interface is checked for exhaustiveness.
 */
public sealed interface ParleyEvent permits ChatflowEvent, ConversationEvent, RoutingEvent, PresenceEvent,
        AvailabilityEvent, ConsentEvent, SurveyEvent, PrivacyEvent, UnknownEvent {

    /** Consumers deduplicate on it: producers and relays may deliver an event more than once. */
    UUID eventId();

    String portalId();

    Instant occurredAt();

    /** The Kafka key: the aggregate whose events must stay in order (ARCHITECTURE.md, "Kafka topics"). */
    String key();

    String topic();

    /** The JSON {@code type}: the record's simple name, so renaming a record is a breaking change. */
    default String type() {
        return getClass().getSimpleName();
    }
}
