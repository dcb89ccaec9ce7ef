package dev.parley.conversation.ws;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code parley.limits.sockets-per-visitor} across instances: every admitted visitor socket is a row in PostgreSQL
 * ({@code visitor_socket}) that counts while its instance's lease ({@code instance_lease}) is alive. Each instance
 * renews its lease every {@code parley.limits.socket-lease-renew-every} (default 10 s) for
 * {@code parley.limits.socket-lease} (default 30 s); so the sockets of an instance killed without a goodbye stop
 * counting at most one lease after its last renewal. A lease that ran out is kept with its rows for an hour: an
 * instance that could not renew for a while (PostgreSQL unreachable, a long pause) still has its sockets open, and
 * they count again as soon as it renews. After that hour the rows and the lease are deleted. An instance deletes its
 * own rows when it starts (none of them is open) and when it stops. A closed socket whose row could not be deleted
 * (PostgreSQL unreachable at that moment) is remembered and its row deleted at the next renewal that succeeds.
 */
@ApplicationScoped
public class VisitorSockets {

    private static final Logger LOG = Logger.getLogger(VisitorSockets.class);

    private static final String LIVE = "exists (select 1 from instance_lease l where l.instance_id = s.instance_id"
            + " and l.expires_at > now())";
    /**
     * Admits a socket when the visitor has fewer than {@code $5} live ones. Runs after the visitor's advisory lock,
     * so two instances admitting sockets of one visitor at the same moment count one after the other.
     */
    private static final String ADMIT = "insert into visitor_socket (connection_id, portal_id, visitor_id,"
            + " instance_id) select $1, $2, $3, $4 where (select count(*) from visitor_socket s where s.portal_id = $2"
            + " and s.visitor_id = $3 and " + LIVE + ") < $5";
    private static final String VISITOR_LOCK = "select pg_advisory_xact_lock(hashtext($1 || '/' || $2))";
    private static final String RENEW = "insert into instance_lease (instance_id, expires_at) values ($1, now()"
            + " + make_interval(secs => $2)) on conflict (instance_id) do update set expires_at = excluded.expires_at";
    /** Rows of instances with no lease alive within the hour (and rows whose lease is gone). */
    private static final String FORGET_DEAD_SOCKETS = "delete from visitor_socket s where not exists (select 1 from"
            + " instance_lease l where l.instance_id = s.instance_id and l.expires_at > now() - interval '1 hour')";
    private static final String FORGET_DEAD_LEASES = "delete from instance_lease where expires_at < now()"
            + " - interval '1 hour'";

    private final Pool pool;
    private final Vertx vertx;
    private final String instanceId;
    private final int max;
    private final Duration lease;
    private final Duration renewEvery;
    /** Closed sockets whose rows are still to be deleted (their delete failed). */
    private final Set<String> unreleased = ConcurrentHashMap.newKeySet();
    private long timer;

    public VisitorSockets(Pool pool, Vertx vertx, @ConfigProperty(name = "parley.instance-id") String instanceId,
                          @ConfigProperty(name = "parley.limits.sockets-per-visitor", defaultValue = "10") int max,
                          @ConfigProperty(name = "parley.limits.socket-lease", defaultValue = "PT30S") Duration lease,
                          @ConfigProperty(name = "parley.limits.socket-lease-renew-every", defaultValue = "PT10S")
                          Duration renewEvery) {
        if (renewEvery.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("parley.limits.socket-lease-renew-every must be shorter than the lease");
        }
        this.pool = pool;
        this.vertx = vertx;
        this.instanceId = instanceId;
        this.max = max;
        this.lease = lease;
        this.renewEvery = renewEvery;
    }

    void start(@Observes StartupEvent start) {
        // Before any socket is admitted: a lease that counts them, and none of a previous run under the same id.
        pool.preparedQuery("delete from visitor_socket where instance_id = $1").execute(Tuple.of(instanceId))
                .chain(() -> renew())
                .await().atMost(Duration.ofSeconds(30));
        timer = vertx.setPeriodic(renewEvery.toMillis(), id -> renew()
                .chain(() -> releaseLeftovers())
                .chain(() -> forgetDead())
                .subscribe().with(x -> { }, e -> LOG.warnf("socket lease renewal failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
        pool.preparedQuery("delete from visitor_socket where instance_id = $1").execute(Tuple.of(instanceId))
                .chain(() -> pool.preparedQuery("delete from instance_lease where instance_id = $1")
                        .execute(Tuple.of(instanceId)))
                .onFailure().recoverWithNull()
                .await().atMost(Duration.ofSeconds(5));
    }

    /** This instance's lease, alive for another {@code parley.limits.socket-lease} (every renewal period). */
    public Uni<Void> renew() {
        return pool.preparedQuery(RENEW).execute(Tuple.of(instanceId, (double) lease.toMillis() / 1000))
                .replaceWithVoid();
    }

    /** Deletes the rows and leases of instances dead for over an hour (every renewal period, after the renewal). */
    public Uni<Void> forgetDead() {
        return pool.query(FORGET_DEAD_SOCKETS).execute()
                .chain(() -> pool.query(FORGET_DEAD_LEASES).execute())
                .replaceWithVoid();
    }

    /** Counts the socket in if the visitor has fewer than the limit open on all instances; false when refused. */
    Uni<Boolean> admit(String connectionId, String portalId, String visitorId) {
        return pool.withTransaction(connection -> connection.preparedQuery(VISITOR_LOCK)
                .execute(Tuple.of(portalId, visitorId))
                .chain(() -> connection.preparedQuery(ADMIT).execute(Tuple.of(connectionId, portalId, visitorId,
                        instanceId, (long) max)))
                .map(rows -> rows.rowCount() == 1));
    }

    /** The socket closed: it no longer counts (if its row cannot be deleted now, at the next renewal). */
    Uni<Void> release(String connectionId) {
        return pool.preparedQuery("delete from visitor_socket where connection_id = $1")
                .execute(Tuple.of(connectionId)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    unreleased.add(connectionId);
                    LOG.warnf("a closed socket counts until the next lease renewal: %s", e.getMessage());
                    return null;
                });
    }

    /** Deletes the rows of closed sockets whose delete failed (every renewal period, after the renewal). */
    public Uni<Void> releaseLeftovers() {
        List<String> ids = List.copyOf(unreleased);
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("delete from visitor_socket where connection_id = any($1)")
                        .execute(Tuple.of(ids.toArray(String[]::new)))
                        .invoke(() -> ids.forEach(unreleased::remove))
                        .replaceWithVoid();
    }

    /** How many closed sockets still wait for their rows to be deleted. */
    public int unreleased() {
        return unreleased.size();
    }
}
