package dev.parley.kit.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets which events were processed once they are older than the dedupe horizon
 * ({@code parley.processed-events.keep}, 7 days by default): without it {@code processed_event} grows by one row
 * per consumed event for ever. A redelivery comes from an offset not yet committed (a crash, a rebalance) or a
 * relay publishing twice, minutes after the first delivery, not days; an event redelivered after the horizon would
 * be applied again. Every instance runs it ({@code parley.processed-events.cleanup-every}, hourly); concurrent runs
 * only compete for the same old rows. Rows go in chunks (at most {@link #MAX_CHUNKS} of {@link #CHUNK} per run, the
 * next run takes the rest), each chunk its own short statement, so a large backlog never holds locks for long; the
 * BRIN index on {@code processed_at} (migration V0_3) finds the old rows without reading the whole table.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);
    public static final int CHUNK = 10_000;
    static final int MAX_CHUNKS = 100;
    private static final String FORGET = "delete from processed_event where ctid = any(array(select ctid"
            + " from processed_event where processed_at < now() - make_interval(secs => $1) limit $2))";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration keep;
    private final Duration every;
    private long timer = -1;

    public ProcessedEventRetention(Pool pool, Vertx vertx,
                                   @ConfigProperty(name = "parley.processed-events.keep", defaultValue = "P7D")
                                   Duration keep,
                                   @ConfigProperty(name = "parley.processed-events.cleanup-every",
                                           defaultValue = "PT1H") Duration every) {
        if (keep.isNegative() || keep.isZero() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("parley.processed-events.keep and .cleanup-every must be positive");
        }
        this.pool = pool;
        this.vertx = vertx;
        this.keep = keep;
        this.every = every;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(every.toMillis(), id -> forgetOld().subscribe().with(
                n -> {
                    if (n > 0) {
                        LOG.infof("forgot %d processed-event records older than %s", n, keep);
                    }
                },
                failure -> LOG.warnf("processed-event cleanup failed (the next run retries): %s",
                        failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes the records older than the horizon, chunk by chunk; returns how many went. */
    public Uni<Long> forgetOld() {
        return chunk(0, 0L);
    }

    private Uni<Long> chunk(int done, long forgotten) {
        return pool.preparedQuery(FORGET).execute(Tuple.of((double) keep.toSeconds(), (long) CHUNK))
                .chain(rows -> rows.rowCount() < CHUNK || done + 1 >= MAX_CHUNKS
                        ? Uni.createFrom().item(forgotten + rows.rowCount())
                        : chunk(done + 1, forgotten + rows.rowCount()));
    }
}
