package dev.parley.kit.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.MalformedEventException;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.UnknownEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.Function;
import java.util.function.Predicate;
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

    private static final String MARK_ALL = "insert into processed_event (consumer, event_id) select ?1,"
            + " cast(x as uuid) from jsonb_array_elements_text(cast(cast(?2 as text) as jsonb)) x"
            + " on conflict do nothing returning cast(event_id as text), 1";

    private final Vertx vertx;
    private final Outbox outbox;

    public ProcessedEvents(Vertx vertx, Outbox outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
    }

    public Uni<Void> consume(String consumer, String json, Function<ParleyEvent, Uni<Void>> effect) {
        return consume(consumer, json, effect, event -> Uni.createFrom().voidItem());
    }

    /**
     * As {@link #consume(String, String, Function)}, then {@code afterCommit} with the same event once that
     * transaction committed (also for an event processed before: a redelivery after a crash between the commit and
     * the after-step runs it again). The record is read once; an unknown type runs neither.
     */
    public Uni<Void> consume(String consumer, String json, Function<ParleyEvent, Uni<Void>> effect,
                             Function<ParleyEvent, Uni<Void>> afterCommit) {
        ParleyEvent event = EventJson.read(json);
        if (event instanceof UnknownEvent unknown) {
            LOG.debugf("%s skips unknown event type %s", consumer, unknown.type());
            return Uni.createFrom().voidItem();
        }
        return attempt(consumer, event, effect, 1).chain(() -> afterCommit.apply(event));
    }

    /**
     * A batch of records in one transaction: records that cannot be read are parked in {@code deadLetterTopic}
     * (through the outbox, in the same transaction), unknown types and events the consumer does not care about
     * ({@code relevant} false: not even marked) are skipped, events already processed are dropped, and
     * {@code effect} gets the rest in their order. One transaction and one mark statement per batch is
     * what lets a busy consumer keep up; a failed transaction is retried as a whole, like a single event's.
     */
    public Uni<Void> consumeAll(String consumer, String deadLetterTopic, List<String> jsons,
                                Predicate<ParleyEvent> relevant, Function<List<ParleyEvent>, Uni<Void>> effect) {
        List<ParleyEvent> events = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String json : jsons) {
            try {
                ParleyEvent event = EventJson.read(json);
                if (!(event instanceof UnknownEvent) && relevant.test(event)) {
                    events.add(event);
                }
            } catch (MalformedEventException | IllegalArgumentException bad) {
                LOG.warnf("%s parks a malformed record in %s: %s", consumer, deadLetterTopic, bad.getMessage());
                malformed.add(json);
            }
        }
        if (events.isEmpty() && malformed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String what = events.size() + " events";
        return retried(consumer, what, 1, () -> Panache.withTransaction(() -> firstTimes(consumer, events)
                .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem() : effect.apply(fresh))
                .chain(() -> parkAll(deadLetterTopic, malformed))));
    }

    private Uni<Void> parkAll(String deadLetterTopic, List<String> malformed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String json : malformed) {
            chain = chain.chain(() -> outbox.stageDeadLetter(deadLetterTopic, json));
        }
        return chain;
    }

    /** The events of {@code events} that {@code consumer} has not processed yet, now marked, in their order. */
    private Uni<List<ParleyEvent>> firstTimes(String consumer, List<ParleyEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        var ids = EventJson.mapper().createArrayNode();
        events.forEach(e -> ids.add(e.eventId().toString()));
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK_ALL, Object[].class)
                        .setParameter(1, consumer).setParameter(2, ids.toString()).getResultList())
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(r -> fresh.add(String.valueOf(r[0])));
                    List<ParleyEvent> result = new ArrayList<>();
                    for (ParleyEvent e : events) {
                        if (fresh.remove(e.eventId().toString())) {
                            result.add(e);
                        }
                    }
                    return result;
                });
    }

    private Uni<Void> attempt(String consumer, ParleyEvent event, Function<ParleyEvent, Uni<Void>> effect,
                              int attempt) {
        return retried(consumer, event.type() + " " + event.eventId(), attempt,
                () -> Panache.withTransaction(() -> firstTime(consumer, event.eventId())
                        .chain(first -> first ? effect.apply(event) : Uni.createFrom().voidItem())));
    }

    private Uni<Void> retried(String consumer, String what, int attempt, Supplier<Uni<Void>> transaction) {
        return Uni.createFrom().deferred(transaction::get)
                .onFailure().recoverWithUni(failure -> {
                    if (attempt >= ATTEMPTS || !retryable(failure)) {
                        LOG.errorf(failure, "%s gives %s up after %d attempts", consumer, what, attempt);
                        return Uni.createFrom().failure(failure);
                    }
                    long pause = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 1));
                    LOG.warnf("%s: %s failed (attempt %d, again in %d ms): %s", consumer, what, attempt, pause,
                            failure.toString());
                    return pause(pause).chain(() -> retried(consumer, what, attempt + 1, transaction));
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
