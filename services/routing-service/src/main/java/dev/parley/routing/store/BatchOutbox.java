package dev.parley.routing.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import java.util.List;

/**
 * Many events for the kit's transactional outbox ({@code outbox_event}, the table {@code Outbox} writes and
 * {@code OutboxRelay} publishes) staged by one statement: {@link #rows} is the JSON parameter that {@link #INSERT}
 * (a part of a larger statement) reads, in order. A queue that moves re-announces the position of many waiting
 * conversations; one round trip instead of one per event keeps the portal's lock short.
 */
public final class BatchOutbox {

    /** A WITH part inserting the events of the JSON parameter {@code ?n} (see {@link #insert}) in their order. */
    private static final String INSERT = "insert into outbox_event (topic, event_key, event_type, event_id, payload)"
            + " select e ->> 'topic', e ->> 'key', e ->> 'type', cast(e ->> 'id' as uuid), e ->> 'payload'"
            + " from jsonb_array_elements(cast(cast(?%d as text) as jsonb)) with ordinality as t(e, n) order by n";
    /** Wakes the relays once the transaction commits (the channel name of the kit's OutboxRelay). */
    public static final String NOTIFY = "pg_notify('parley_outbox', '')";

    private BatchOutbox() {
    }

    /** The insert reading its events from parameter {@code ?param}; for building a constant statement once. */
    public static String insert(int param) {
        return String.format(INSERT, param);
    }

    public static String rows(List<? extends ParleyEvent> events) {
        ArrayNode rows = EventJson.mapper().createArrayNode();
        for (ParleyEvent e : events) {
            rows.addObject().put("topic", e.topic()).put("key", e.key()).put("type", e.type())
                    .put("id", e.eventId().toString()).put("payload", EventJson.write(e));
        }
        return rows.toString();
    }
}
