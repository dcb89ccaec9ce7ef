package dev.parley.kit.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order, waiting for the broker's ack before deleting them.
 *
 * <p>It wakes on PostgreSQL's {@code NOTIFY parley_outbox}, which {@link Outbox} issues inside the writing
 * transaction and which PostgreSQL delivers only once that transaction commits (or which {@link #committed()} sends
 * after the commit, for writers that stage quietly); a one-second timer covers a lost
 * notification or a broker that was down. One relay publishes at a time per database (a transaction-scoped advisory
 * lock), so several instances never publish one key out of order. A crash between the ack and the delete publishes
 * a row twice; consumers dedupe on {@code eventId}.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "parley_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x5061726c6579L;
    private static final int BATCH = 200;
    private static final int IN_FLIGHT = 64;

    private final MutinyEmitter<String> emitter;
    private final Pool pool;
    private final Vertx vertx;
    private final PgConnectOptions listenOptions;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean notifying = new AtomicBoolean();
    private final AtomicBoolean othersMayHoldTheLock = new AtomicBoolean();
    private final AtomicBoolean notifyAgain = new AtomicBoolean();
    private PgSubscriber subscriber;
    private long timer;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, Pool pool, Vertx vertx,
                       @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                       @ConfigProperty(name = "quarkus.datasource.username") String user,
                       @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.emitter = emitter;
        this.pool = pool;
        this.vertx = vertx;
        this.listenOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
    }

    void start(@Observes StartupEvent start) {
        subscriber = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(payload -> drainSoon());
        subscriber.connect().onFailure(e -> LOG.warnf("outbox LISTEN failed, relying on the timer: %s", e));
        timer = vertx.setPeriodic(1000, 1000, id -> drainSoon());
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /**
     * Called after a transaction that staged events with {@link Outbox#stageQuietly} committed: drains here. Only if
     * this drain finds another instance's relay holding the lock does it wake that relay with one NOTIFY of its own
     * (coalesced: at most one in flight, plus one more if commits happened meanwhile), so the holder drains once
     * more. That NOTIFY runs in a transaction with {@code synchronous_commit = off}: it carries no data, so it need
     * not wait for a disk flush, and the data transactions never take PostgreSQL's notification lock.
     */
    public void committed() {
        othersMayHoldTheLock.set(true);
        drainSoon();
    }

    private void notifyOthers() {
        notifyAgain.set(true);
        if (!notifying.compareAndSet(false, true)) {
            return;
        }
        notifyAgain.set(false);
        pool.withTransaction(connection -> connection.query("set local synchronous_commit = off").execute()
                        .chain(() -> connection.query("select pg_notify('" + CHANNEL + "', '')").execute()))
                .subscribe().with(rows -> notified(), failure -> {
                    LOG.debugf("outbox notify failed (the timer covers it): %s", failure.getMessage());
                    notified();
                });
    }

    private void notified() {
        notifying.set(false);
        if (notifyAgain.get()) {
            notifyOthers();
        }
    }

    /** Drains now, or right after the drain in progress (a row may have committed after its SELECT). */
    void drainSoon() {
        pending.set(true);
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        pending.set(false);
        drain().subscribe().with(this::drained, failure -> {
            LOG.warnf("outbox relay will retry: %s", failure.getMessage());
            draining.set(false);
        });
    }

    private void drained(int published) {
        draining.set(false);
        if (published == BATCH || pending.get()) {
            drainSoon();
        }
    }

    /**
     * Publishes what is waiting; returns how many events were published. The planner setting, the lock and the read
     * go out together (one round trip, run in that order; the rows are dropped unread when another relay holds the
     * lock), and the transaction that deletes the published rows commits without waiting for the WAL flush: a delete
     * lost in a database crash only publishes those rows once more, which consumers dedupe on eventId anyway (as
     * after a crash between the ack and the delete), and it keeps the relay's commit off the disk's critical path.
     */
    public Uni<Integer> drain() {
        boolean quietCommits = othersMayHoldTheLock.getAndSet(false);
        return pool.withTransaction(connection -> {
            // The table is a queue: rows come and go by the thousand between two autovacuum runs, and the planner,
            // expecting a handful of rows, read the oldest ones by scanning and sorting every dead row left behind
            // (58-116 ms per drain in a routing benchmark). The primary-key index gives them in order at once.
            Uni<RowSet<Row>> byIndex = connection.query("set local enable_seqscan = off").execute();
            Uni<Boolean> locked = connection.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                    .execute(Tuple.of(LOCK_ID)).map(rows -> rows.iterator().next().getBoolean("locked"));
            Uni<RowSet<Row>> waiting = connection.preparedQuery(
                            "select id, topic, event_key, event_type, payload from outbox_event order by id limit $1")
                    .execute(Tuple.of(BATCH));
            return Uni.combine().all().unis(byIndex, locked, waiting).asTuple().chain(t -> {
                if (t.getItem2()) {
                    RowSet<Row> rows = t.getItem3();
                    return rows.size() == 0 ? Uni.createFrom().item(0) : sendAndDelete(connection, rows);
                }
                if (quietCommits) {
                    notifyOthers(); // the holder may have read before our rows committed: make it look again
                }
                return Uni.createFrom().item(0);
            });
        });
    }

    private Uni<Integer> sendAndDelete(SqlConnection connection, RowSet<Row> rowSet) {
        List<Row> rows = new ArrayList<>();
        rowSet.forEach(rows::add);
        Long[] ids = rows.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
        // Sends are issued in id order (the idempotent producer keeps that order per partition) but not one
        // acknowledgement at a time: waiting for each ack capped the relay at one event per broker round trip.
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUni(this::send).merge(IN_FLIGHT)
                .collect().last()
                // Exactly the rows published: a row with a smaller id whose transaction commits after the SELECT
                // (ids are taken at insert, commits happen in any order) is still waiting, not deleted unpublished.
                .chain(() -> Uni.combine().all().unis(
                        connection.query("set local synchronous_commit = off").execute(),
                        connection.preparedQuery("delete from outbox_event where id = any($1)")
                                .execute(Tuple.of(ids))).discardItems())
                .replaceWith(rows.size());
    }

    private Uni<Void> send(Row row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("event_key"))
                .build();
        // A tombstone (null value) lets a compacted topic forget the key once its deletion event was published.
        String payload = Outbox.TOMBSTONE.equals(row.getString("event_type")) ? null : row.getString("payload");
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}
