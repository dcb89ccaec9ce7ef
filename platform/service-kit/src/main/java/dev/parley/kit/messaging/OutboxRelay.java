package dev.parley.kit.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Publishes committed outbox rows to Kafka in id order, waiting for the broker's ack before deleting them.
 *
 * <p>One relay runs at a time per database (a transaction-scoped advisory lock), so several instances of a service
 * never publish the same key out of order. A crash between the ack and the delete publishes a row twice; consumers
 * dedupe on {@code eventId}, so at-least-once is enough.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long LOCK_ID = 0x5061726c6579L;
    private static final int BATCH = 200;

    private final MutinyEmitter<String> emitter;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    @Scheduled(every = "${parley.outbox.interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> poll() {
        return drain().replaceWithVoid();
    }

    /** Publishes what is waiting; returns how many events were published. */
    public Uni<Integer> drain() {
        return Panache.withTransaction(() -> Panache.getSession().chain(this::drainLocked));
    }

    private Uni<Integer> drainLocked(Mutiny.Session session) {
        return session.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK_ID + ")", Boolean.class)
                .getSingleResult()
                .chain(locked -> locked ? publishBatch(session) : Uni.createFrom().item(0));
    }

    private Uni<Integer> publishBatch(Mutiny.Session session) {
        return session.createNativeQuery("select id, topic, event_key, payload from outbox_event order by id limit "
                        + BATCH, Object[].class)
                .getResultList()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : sendAndDelete(session, rows));
    }

    private Uni<Integer> sendAndDelete(Mutiny.Session session, List<Object[]> rows) {
        long lastId = ((Number) rows.get(rows.size() - 1)[0]).longValue();
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last()
                .chain(() -> session.createNativeQuery("delete from outbox_event where id <= ?1")
                        .setParameter(1, lastId).executeUpdate())
                .replaceWith(rows.size());
    }

    private Uni<Void> send(Object[] row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic((String) row[1])
                .withKey((String) row[2])
                .build();
        return emitter.sendMessage(Message.of((String) row[3]).addMetadata(metadata));
    }
}
