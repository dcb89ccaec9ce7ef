package dev.parley.kit.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stages events in the transactional outbox. Call it inside the transaction that makes the change the event
 * announces: both commit together or neither does, and {@link OutboxRelay} publishes what committed.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (topic, event_key, event_type, event_id, payload)"
            + " values (?1, ?2, ?3, ?4, ?5)";
    /** Delivered by PostgreSQL only when the transaction commits: it wakes {@link OutboxRelay}. */
    private static final String NOTIFY = "select count(*) from (select pg_notify('" + OutboxRelay.CHANNEL
            + "', '')) n";

    public Uni<Void> stage(ParleyEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, event.topic())
                        .setParameter(2, event.key())
                        .setParameter(3, event.type())
                        .setParameter(4, event.eventId())
                        .setParameter(5, EventJson.write(event))
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(NOTIFY)
                                .getSingleResult()))
                .replaceWithVoid();
    }
}
