package dev.parley.kit.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.UnknownEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Idempotent consumption: an event's effect and the record that {@code consumer} processed it commit in one
 * transaction, so a redelivered event (rebalance, crash before the offset commit, a relay publishing twice) has no
 * second effect.
 *
 * <p>Malformed records fail the returned Uni; the channel's dead-letter strategy then moves them to
 * {@code <topic>.dlq} instead of blocking the partition. Unknown event types are skipped: producers may add types.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    private static final String MARK = "insert into processed_event (consumer, event_id) values (?1, ?2)"
            + " on conflict do nothing";

    public Uni<Void> consume(String consumer, String json, Function<ParleyEvent, Uni<Void>> effect) {
        ParleyEvent event = EventJson.read(json);
        if (event instanceof UnknownEvent unknown) {
            LOG.debugf("%s skips unknown event type %s", consumer, unknown.type());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> firstTime(consumer, event.eventId())
                .chain(first -> first ? effect.apply(event) : Uni.createFrom().voidItem()));
    }

    private Uni<Boolean> firstTime(String consumer, UUID eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK)
                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
