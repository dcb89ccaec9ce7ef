package dev.parley.conversation.service;

import dev.parley.conversation.domain.MessageAllowance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The visitors' message allowances ({@code parley.limits.visitor-messages-per-minute}) in the database, so that the
 * limit holds for a visitor whatever the instances their sockets are on. The message transaction locks them after
 * the conversations and writes them back with its messages ({@link ConversationService}); {@link Numbering} decides.
 * A row last written over a minute ago is a full allowance, the same as no row: such rows are deleted now and then.
 */
@ApplicationScoped
public class VisitorAllowances {

    private static final Logger LOG = Logger.getLogger(VisitorAllowances.class);

    /**
     * The allowances of the visitors of the given conversations, created full when missing and locked in key order
     * (every writer takes the conversations' locks first and these after them, each in key order, so two batches
     * never wait for each other in a cycle).
     */
    private static final String LOCK = "insert into visitor_allowance as a (portal_id, visitor_id, tokens, at)"
            + " select distinct c.portal_id, c.visitor_id, $2::float8, $3::timestamptz from conversation c"
            + " where c.id = any($1) order by 1, 2 on conflict (portal_id, visitor_id) do update set tokens = a.tokens"
            + " returning a.portal_id, a.visitor_id, a.tokens, a.at";
    private static final String WRITE = "update visitor_allowance a set tokens = n.tokens, at = n.at"
            + " from unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[]) as n(portal_id, visitor_id,"
            + " tokens, at) where a.portal_id = n.portal_id and a.visitor_id = n.visitor_id";
    /**
     * Skips the rows a message transaction holds (it is spending from them: they stay) and never waits: a delete that
     * waited for one row while holding others could close a cycle with a batch that locks two visitors' rows.
     */
    private static final String FORGET_FULL = "delete from visitor_allowance where (portal_id, visitor_id) in"
            + " (select portal_id, visitor_id from visitor_allowance where at < now() - interval '2 minutes'"
            + " for update skip locked)";

    private final int perMinute;
    private final Pool pool;
    private final Vertx vertx;
    private final Duration forgetEvery;
    private long timer;

    public VisitorAllowances(@ConfigProperty(name = "parley.limits.visitor-messages-per-minute", defaultValue = "60")
                             int perMinute,
                             @ConfigProperty(name = "parley.limits.forget-full-allowances-every", defaultValue = "PT10M")
                             Duration forgetEvery, Pool pool, Vertx vertx) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("parley.limits.visitor-messages-per-minute must be at least 1");
        }
        this.perMinute = perMinute;
        this.forgetEvery = forgetEvery;
        this.pool = pool;
        this.vertx = vertx;
    }

    public int perMinute() {
        return perMinute;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(forgetEvery.toMillis(), id -> forgetFull().subscribe().with(
                deleted -> LOG.debugf("%d full message allowances forgotten", deleted),
                e -> LOG.warnf("forgetting full message allowances failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    /** Deletes the rows that mean the same as no row; how many. */
    public Uni<Integer> forgetFull() {
        return pool.query(FORGET_FULL).execute().map(rows -> rows.rowCount());
    }

    /** Locks (creating them full at {@code now} when missing) the allowances of these conversations' visitors. */
    static Uni<Map<Numbering.VisitorKey, MessageAllowance>> lock(SqlConnection connection,
                                                                 SortedSet<String> conversationIds, int perMinute,
                                                                 Instant now) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(conversationIds.toArray(new String[0]),
                        (double) perMinute, ConversationRepository.utc(now)))
                .map(rows -> {
                    Map<Numbering.VisitorKey, MessageAllowance> out = new HashMap<>();
                    rows.forEach(r -> out.put(new Numbering.VisitorKey(r.getString("portal_id"),
                                    r.getString("visitor_id")),
                            new MessageAllowance(r.getDouble("tokens"), r.getOffsetDateTime("at").toInstant())));
                    return out;
                });
    }

    /** Writes back the allowances a batch spent from (their rows are locked by {@link #lock}). */
    static Uni<?> write(SqlConnection connection, Map<Numbering.VisitorKey, MessageAllowance> spent) {
        int k = spent.size();
        String[] portals = new String[k];
        String[] visitors = new String[k];
        Double[] tokens = new Double[k];
        OffsetDateTime[] at = new OffsetDateTime[k];
        int i = 0;
        for (Map.Entry<Numbering.VisitorKey, MessageAllowance> e : spent.entrySet()) {
            portals[i] = e.getKey().portalId();
            visitors[i] = e.getKey().visitorId();
            tokens[i] = e.getValue().tokens();
            at[i] = ConversationRepository.utc(e.getValue().at());
            i++;
        }
        return connection.preparedQuery(WRITE).execute(Tuple.of(portals, visitors, tokens, at));
    }
}
