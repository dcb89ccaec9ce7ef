package dev.parley.routing.store;

import dev.parley.kit.sql.Sql;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Stages many events in the kit's transactional outbox ({@code outbox_event}, the table {@code Outbox} writes and
 * {@code OutboxRelay} publishes) in one statement. A queue that moves re-announces the position of every waiting
 * conversation; one round trip instead of one per conversation keeps the portal's lock short.
 */
@ApplicationScoped
public class BatchOutbox {

    private static final String INSERT = "insert into outbox_event (topic, event_key, event_type, event_id, payload)"
            + " select e ->> 'topic', e ->> 'key', e ->> 'type', cast(e ->> 'id' as uuid), e ->> 'payload'"
            + " from jsonb_array_elements(cast(cast(?1 as text) as jsonb)) e";
    /** Delivered when the transaction commits: wakes the relay (the channel name of the kit's OutboxRelay). */
    private static final String NOTIFY = "select 1, count(*) from (select pg_notify('parley_outbox', '')) n";

    public Uni<Void> stageAll(List<? extends ParleyEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = EventJson.mapper().createArrayNode();
        for (ParleyEvent e : events) {
            rows.addObject().put("topic", e.topic()).put("key", e.key()).put("type", e.type())
                    .put("id", e.eventId().toString()).put("payload", EventJson.write(e));
        }
        return Sql.update(INSERT, rows.toString()).chain(() -> Sql.rows(NOTIFY)).replaceWithVoid();
    }
}
