package dev.parley.kit.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.MalformedEventException;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.UnknownEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Idempotent consumption: an event's effect and the record that {@code consumer} processed it commit in one
 * transaction, so a redelivered event (rebalance, crash before the offset commit, a relay publishing twice) has no
 * second effect.
 *
 * <p>Malformed records fail at once; the channel's dead-letter strategy then moves them to {@code <topic>.dlq}
 * instead of blocking the partition. Unknown event types are skipped: producers may add types. A well-formed
 * event whose transaction fails (a lost connection, a deadlock, a lock wait timeout, a restarting database) is
 * retried with a growing pause — on the same Vert.x context, the partition waiting meanwhile — before it is given
 * up to the dead-letter topic: a transient fault never turns into a lost close or a lost start.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    private static final String MARK = "insert into processed_event (consumer, event_id) values (?1, ?2)"
            + " on conflict do nothing";
    /** Attempts of one event's transaction; the pauses between them grow 100 ms, 200 ms, ... up to 5 s (~40 s). */
    static final int ATTEMPTS = 12;
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    private final Vertx vertx;

    public ProcessedEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<Void> consume(String consumer, String json, Function<ParleyEvent, Uni<Void>> effect) {
        ParleyEvent event = EventJson.read(json);
        if (event instanceof UnknownEvent unknown) {
            LOG.debugf("%s skips unknown event type %s", consumer, unknown.type());
            return Uni.createFrom().voidItem();
        }
        return attempt(consumer, event, effect, 1);
    }

    private Uni<Void> attempt(String consumer, ParleyEvent event, Function<ParleyEvent, Uni<Void>> effect,
                              int attempt) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> firstTime(consumer, event.eventId())
                        .chain(first -> first ? effect.apply(event) : Uni.createFrom().voidItem())))
                .onFailure().recoverWithUni(failure -> {
                    if (attempt >= ATTEMPTS || !retryable(failure)) {
                        LOG.errorf(failure, "%s gives %s %s up after %d attempts", consumer, event.type(),
                                event.eventId(), attempt);
                        return Uni.createFrom().failure(failure);
                    }
                    long pause = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 1));
                    LOG.warnf("%s: %s %s failed (attempt %d, again in %d ms): %s", consumer, event.type(),
                            event.eventId(), attempt, pause, failure.toString());
                    return pause(pause).chain(() -> attempt(consumer, event, effect, attempt + 1));
                });
    }

    /** Bad input is not retried: it fails the same way every time. */
    private static boolean retryable(Throwable failure) {
        return !(failure instanceof MalformedEventException || failure instanceof IllegalArgumentException);
    }

    /** A pause whose continuation runs on the caller's Vert.x context (Hibernate Reactive needs it). */
    private Uni<Void> pause(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private Uni<Boolean> firstTime(String consumer, UUID eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK)
                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
