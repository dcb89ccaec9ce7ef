package dev.parley.kit.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Stages events in the transactional outbox. Call it inside the transaction that makes the change the event
 * announces: both commit together or neither does, and {@link OutboxRelay} publishes what committed.
 */
@ApplicationScoped
public class Outbox {

    /** The event_type of a staged tombstone: the relay publishes a null value for the key. */
    public static final String TOMBSTONE = "Tombstone";

    private static final String INSERT = "insert into outbox_event (topic, event_key, event_type, event_id, payload)"
            + " values (?1, ?2, ?3, ?4, ?5)";
    /**
     * All rows in one statement; ordered by their position in the arrays, so their ids (taken from the sequence as
     * the rows are inserted, after the sort) follow the list order and the relay publishes them in that order.
     */
    private static final String INSERT_ALL_ON_CONNECTION = "insert into outbox_event (topic, event_key, event_type,"
            + " event_id, payload) select topic, event_key, event_type, event_id, payload from unnest($1::text[],"
            + " $2::text[], $3::text[], $4::uuid[], $5::text[]) with ordinality as e(topic, event_key, event_type,"
            + " event_id, payload, position) order by position";
    /** Delivered by PostgreSQL only when the transaction commits: it wakes {@link OutboxRelay}. */
    private static final String NOTIFY = "select count(*) from (select pg_notify('" + OutboxRelay.CHANNEL
            + "', '')) n";

    public Uni<Void> stage(ParleyEvent event) {
        return stage(event.topic(), event.key(), event.type(), event.eventId(), EventJson.write(event));
    }

    /**
     * Stages without waking the relay from inside the transaction; the caller must call
     * {@link OutboxRelay#committed()} once the transaction committed. For hot paths: PostgreSQL serialises the
     * commits of all transactions that issued a NOTIFY (a global lock held through the commit's WAL flush), which
     * capped a service at one commit per disk flush (measured: ≈ 270 messages/s in conversation-service).
     */
    public Uni<Void> stageQuietly(ParleyEvent event) {
        return Panache.getSession().chain(session -> insert(session, event.topic(), event.key(), event.type(),
                event.eventId(), EventJson.write(event))).replaceWithVoid();
    }

    /**
     * Stages events quietly (as {@link #stageQuietly(ParleyEvent)}) on a plain reactive connection, inside the
     * transaction the caller runs on it (one statement for all of them, ids in list order); call
     * {@link OutboxRelay#committed()} after the commit. For hot paths written without the ORM session.
     */
    public static Uni<Void> stageQuietly(SqlConnection connection, List<ParleyEvent> events) {
        int n = events.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        UUID[] ids = new UUID[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            ParleyEvent e = events.get(i);
            topics[i] = e.topic();
            keys[i] = e.key();
            types[i] = e.type();
            ids[i] = e.eventId();
            payloads[i] = EventJson.write(e);
        }
        return n == 0 ? Uni.createFrom().voidItem() : connection.preparedQuery(INSERT_ALL_ON_CONNECTION)
                .execute(Tuple.of(topics, keys, types, ids, payloads)).replaceWithVoid();
    }

    /**
     * Stages a tombstone for {@code key} on a compacted topic, published after every event staged before it (call
     * it after staging the deletion event, in the same transaction).
     */
    public Uni<Void> stageTombstone(String topic, String key) {
        return stage(topic, key, TOMBSTONE, UUID.randomUUID(), "");
    }

    /**
     * Stages a record that cannot be read (as received) for {@code deadLetterTopic}: a batch consumer parks it
     * there in the transaction that applies the rest of its batch, instead of failing the whole batch.
     */
    public Uni<Void> stageDeadLetter(String deadLetterTopic, String payload) {
        return stage(deadLetterTopic, "malformed", "DeadLetter", UUID.randomUUID(), payload == null ? "" : payload);
    }

    private Uni<Void> stage(String topic, String key, String type, UUID eventId, String payload) {
        return Panache.getSession().chain(session -> insert(session, topic, key, type, eventId, payload)
                        .chain(() -> session.createNativeQuery(NOTIFY).getSingleResult()))
                .replaceWithVoid();
    }

    private static Uni<Integer> insert(Mutiny.Session session, String topic, String key, String type, UUID eventId,
                                       String payload) {
        return session.createNativeQuery(INSERT)
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, type)
                .setParameter(4, eventId)
                .setParameter(5, payload)
                .executeUpdate();
    }
}
