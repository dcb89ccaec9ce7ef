package dev.parley.kit.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets which events were processed once they are older than the dedupe horizon
 * ({@code parley.processed-events.keep}, 15 days by default): without it {@code processed_event} grows by one row
 * per consumed event for ever. Kafka delivers an event again after a crash or rebalance before the offset commit,
 * or when a relay publishes twice: minutes later, not days. The horizon is also twice the brokers' default retention
 * (7 days; deploy/ sets none for the topics the services consume), so a consumer group whose offsets expired and
 * that starts over from the earliest record of a delete-policy topic is still deduplicated; the compacted topics
 * (chatflows, availability) keep each key's latest record for ever, and re-reading that re-applies a latest state.
 * An event delivered again after the horizon would be applied again.
 *
 * <p>Every instance runs it ({@code parley.processed-events.cleanup-every}, hourly, the first run
 * {@code parley.processed-events.first-run-after} a minute after start; tests set it out of their reach);
 * concurrent runs only compete for the same old rows, and an instance never runs two at once. Rows go oldest first
 * through the index on {@code processed_at} (kit migration V0_3), in chunks of {@link #CHUNK}, each its own short
 * statement starting where the last one ended (the index entries of rows just deleted stay until VACUUM), at most
 * {@link #MAX_CHUNKS} per run (10 million rows: the routing benchmark's 2,000 events/s make 7.2 million an hour);
 * what is left waits for the next run. A chunk that takes over a minute fails the run (logged), so a stuck
 * connection cannot stop the cleanup for good.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);
    public static final int CHUNK = 10_000;
    static final int MAX_CHUNKS = 1_000;
    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(1);
    /** One chunk: $1 the horizon in seconds, $2 the chunk size, $3 where the previous chunk ended (null: anywhere). */
    private static final String FORGET = "with d as (delete from processed_event where ctid = any(array(select ctid"
            + " from processed_event where processed_at >= coalesce(cast($3 as timestamptz), '-infinity')"
            + " and processed_at < now() - make_interval(secs => $1) order by processed_at limit $2))"
            + " returning processed_at) select count(*), max(processed_at) from d";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration keep;
    private final Duration every;
    private final Duration firstRunAfter;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public ProcessedEventRetention(Pool pool, Vertx vertx,
                                   @ConfigProperty(name = "parley.processed-events.keep", defaultValue = "P15D")
                                   Duration keep,
                                   @ConfigProperty(name = "parley.processed-events.cleanup-every",
                                           defaultValue = "PT1H") Duration every,
                                   @ConfigProperty(name = "parley.processed-events.first-run-after",
                                           defaultValue = "PT1M") Duration firstRunAfter) {
        if (keep.isNegative() || keep.isZero() || every.compareTo(Duration.ofSeconds(1)) < 0
                || firstRunAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("parley.processed-events.keep must be positive,"
                    + " .cleanup-every and .first-run-after at least a second");
        }
        this.pool = pool;
        this.vertx = vertx;
        this.keep = keep;
        this.every = every;
        this.firstRunAfter = firstRunAfter;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(firstRunAfter.toMillis(), every.toMillis(), id -> run());
    }

    private void run() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous run is still deleting
        }
        forgetOld().subscribe().with(
                n -> {
                    running.set(false);
                    if (n > 0) {
                        LOG.infof("forgot %d processed-event records older than %s", n, keep);
                    }
                },
                failure -> {
                    running.set(false);
                    LOG.warnf("processed-event cleanup failed (the next run retries): %s", failure.getMessage());
                });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes the records older than the horizon, chunk by chunk; returns how many went. */
    public Uni<Long> forgetOld() {
        return chunk(0, 0L, null);
    }

    private Uni<Long> chunk(int done, long forgotten, OffsetDateTime from) {
        return pool.preparedQuery(FORGET).execute(Tuple.of((double) keep.toSeconds(), (long) CHUNK, from))
                .ifNoItem().after(CHUNK_TIMEOUT).fail()
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    long deleted = row.getLong(0);
                    return deleted < CHUNK || done + 1 >= MAX_CHUNKS
                            ? Uni.createFrom().item(forgotten + deleted)
                            : chunk(done + 1, forgotten + deleted, row.getOffsetDateTime(1));
                });
    }
}
