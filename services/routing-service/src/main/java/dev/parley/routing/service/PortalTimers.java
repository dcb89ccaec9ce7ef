package dev.parley.routing.service;

import dev.parley.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One-shot wake-ups, at most one per portal in each instance: at the instant something changes by itself — a
 * business-hours chatflow with waiting conversations opens, or an agent's grace period ends — the portal's queue is
 * re-run (a routing decision with no change: {@link RoutingEngine#drain} marks agents whose grace is over absent and
 * serves chatflows that are open). There is no periodic sweep.
 *
 * <p>Every queue run computes the portal's next wake-up from the database and arms it here, so the timers follow
 * the state whoever changed it (a new chatflow snapshot, a disconnect, a start while closed). Nothing depends on one
 * instance's memory: a run is idempotent (conditional in the database, under the portal's lock), so several
 * instances waking for the same portal is harmless, and a wake-up lost with a dying instance is recovered — any
 * later decision of the portal applies what is overdue, and at start-up and after every consumer rebalance (an
 * instance joined or died) {@link #recover} runs the queue of every portal with something pending, which re-arms.
 */
@ApplicationScoped
public class PortalTimers {

    private static final Logger LOG = Logger.getLogger(PortalTimers.class);
    /** Fire this long after the instant: the decision then finds the state changed (minute-granular hours). */
    private static final long MARGIN_MILLIS = 100;
    /** Portals with something that will change by itself: a grace period running, or waiting while closed. */
    private static final String PENDING = "select portal_id, 1 from agent where present and connections = 0"
            + " union select distinct c.portal_id, 1 from routed_conversation c join chatflow_route r"
            + " on r.portal_id = c.portal_id and r.chatflow_id = c.chatflow_id"
            + " where c.state = 'QUEUED' and r.availability_mode = 'BUSINESS_HOURS'";

    private record Armed(Instant at, ScheduledFuture<?> future) {
    }

    private final Map<String, Armed> armed = new ConcurrentHashMap<>();
    private final AtomicBoolean recoveryRequested = new AtomicBoolean();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "routing-portal-timers");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    /** Looked up when a timer fires (the engine arms these timers: no construction cycle). */
    private final Instance<RoutingEngine> engine;

    public PortalTimers(Clock clock, Instance<RoutingEngine> engine) {
        this.clock = clock;
        this.engine = engine;
    }

    /** The portal's next wake-up: (re-)armed at {@code at}, or cancelled when null (nothing pending). */
    public void wakeAt(String portalId, Instant at) {
        if (timers.isShutdown()) {
            return;
        }
        if (at == null) {
            Armed old = armed.remove(portalId);
            if (old != null) {
                old.future().cancel(false);
            }
            return;
        }
        try {
            armed.compute(portalId, (portal, old) -> {
                if (old != null && old.at().equals(at) && !old.future().isDone()) {
                    return old;
                }
                if (old != null) {
                    old.future().cancel(false);
                }
                long delay = Math.max(Duration.between(clock.instant(), at).toMillis(), 0) + MARGIN_MILLIS;
                return new Armed(at, timers.schedule(() -> fire(portal, at), delay, TimeUnit.MILLISECONDS));
            });
        } catch (RejectedExecutionException stopping) {
            // shutting down: the other instances (or this one's next start) take over
        }
    }

    /** When the portal's wake-up is armed in this instance (null: none). */
    public Instant armedAt(String portalId) {
        Armed a = armed.get(portalId);
        return a == null ? null : a.at();
    }

    private void fire(String portalId, Instant at) {
        armed.computeIfPresent(portalId, (p, a) -> a.at().equals(at) ? null : a);
        try {
            run(portalId);
        } catch (Throwable t) {
            LOG.warnf(t, "queue run of portal %s at %s failed; retrying in a second", portalId, at);
            wakeAt(portalId, clock.instant().plusSeconds(1));
        }
    }

    /** A routing decision with no change of its own: the queue run applies what time changed, and re-arms. */
    private void run(String portalId) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> engine.get().decide(portalId,
                p -> Uni.createFrom().voidItem())));
    }

    /**
     * Runs the queue of every portal where something is pending (agents in their grace period, conversations
     * waiting on business-hours chatflows): applies what became due while no instance was watching and arms this
     * instance's timers. Called at start-up and after consumer rebalances; safe to call any time.
     */
    public void recover() {
        List<String> portals;
        try {
            portals = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Sql.rows(PENDING)))
                    .stream().map(r -> Sql.str(r[0])).distinct().toList();
        } catch (Throwable t) {
            LOG.warn("could not read the portals with pending wake-ups; retrying in a second", t);
            requestRecovery(Duration.ofSeconds(1));
            return;
        }
        for (String portal : portals) {
            try {
                run(portal);
            } catch (Throwable t) {
                LOG.warnf(t, "queue run of portal %s failed; retrying in a second", portal);
                wakeAt(portal, clock.instant().plusSeconds(1));
            }
        }
    }

    /** Schedules one {@link #recover} (on the timer thread); requests while one is pending are folded into it. */
    public void requestRecovery(Duration delay) {
        if (!timers.isShutdown() && recoveryRequested.compareAndSet(false, true)) {
            try {
                timers.schedule(() -> {
                    recoveryRequested.set(false);
                    recover();
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                recoveryRequested.set(false);
            }
        }
    }

    void onStart(@Observes StartupEvent start) {
        requestRecovery(Duration.ZERO);
    }

    void onStop(@Observes ShutdownEvent stop) {
        timers.shutdownNow();
    }
}
