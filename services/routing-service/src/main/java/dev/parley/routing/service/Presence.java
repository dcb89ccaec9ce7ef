package dev.parley.routing.service;

import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AgentDisconnected;
import dev.parley.contracts.events.AgentStatusChanged;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.store.RoutingStore;
import dev.parley.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Agents' sockets (from conversation-service) and statuses. An agent whose last socket dropped stays present for
 * the portal's grace period: one timer per such agent then checks the database and, if the agent is still gone,
 * marks them absent and (per portal setting) re-routes their conversations. No sweep over all agents.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);

    private final RoutingEngine engine;
    private final RoutingStore store;
    private final ConversationRouting conversations;
    private final Outbox outbox;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "routing-grace-timers");
        t.setDaemon(true);
        return t;
    });

    public Presence(RoutingEngine engine, RoutingStore store, ConversationRouting conversations, Outbox outbox) {
        this.engine = engine;
        this.store = store;
        this.conversations = conversations;
        this.outbox = outbox;
    }

    public Uni<Void> connected(AgentConnected e) {
        return engine.decide(e.portalId(), portal -> ensureAgent(portal, e.agentId(), e.agentId())
                .chain(() -> Sql.update("insert into agent_connection (portal_id, agent_id, connection_id,"
                                + " instance_id) values (?1, ?2, ?3, ?4) on conflict do nothing", portal,
                        e.agentId(), String.valueOf(e.connectionId()), String.valueOf(e.instanceId())))
                .chain(() -> countConnections(portal, e.agentId(), ", present = true, disconnected_at = null")));
    }

    public Uni<Void> disconnected(AgentDisconnected e) {
        return engine.decide(e.portalId(), portal -> Sql.update("delete from agent_connection where portal_id = ?1"
                                + " and agent_id = ?2 and connection_id = ?3", portal, e.agentId(),
                        String.valueOf(e.connectionId()))
                .chain(() -> countConnections(portal, e.agentId(), ""))
                .chain(() -> Sql.update("update agent set disconnected_at = now() where portal_id = ?1 and id = ?2"
                        + " and connections = 0 and present", portal, e.agentId()))
                .chain(gone -> gone == 0 ? Uni.createFrom().voidItem()
                        : store.settings(portal).invoke(s -> schedule(portal, e.agentId(), s.graceSeconds()))
                        .replaceWithVoid()));
    }

    private static Uni<Void> countConnections(String portal, String agentId, String alsoSet) {
        return Sql.update("update agent set connections = (select count(*) from agent_connection c"
                + " where c.portal_id = ?1 and c.agent_id = ?2)" + alsoSet + " where portal_id = ?1 and id = ?2",
                portal, agentId).replaceWithVoid();
    }

    /** Registers an agent the first time they appear (no paid seat until an admin gives one). */
    Uni<Void> ensureAgent(String portal, String agentId, String displayName) {
        return store.settings(portal).chain(s -> Sql.update("insert into agent (portal_id, id, display_name,"
                + " capacity, status) values (?1, ?2, ?3, ?4, 'AVAILABLE') on conflict do nothing", portal, agentId,
                displayName, s.defaultCapacity())).replaceWithVoid();
    }

    /** One timer for one agent; it fires a little after the grace period (the check itself uses the database). */
    void schedule(String portalId, String agentId, int graceSeconds) {
        timers.schedule(() -> expire(portalId, agentId), graceSeconds * 1000L + 200, TimeUnit.MILLISECONDS);
    }

    private void expire(String portalId, String agentId) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> engine.decide(portalId,
                    portal -> store.settings(portal).chain(s -> Sql.update("update agent set present = false"
                                    + " where portal_id = ?1 and id = ?2 and connections = 0 and present"
                                    + " and disconnected_at <= now() - make_interval(secs => ?3)", portal, agentId,
                            (double) s.graceSeconds())
                            .chain(expired -> expired == 1 && s.rerouteOnAway()
                                    ? conversations.requeueAll(portal, agentId, "DISCONNECTED")
                                    : Uni.createFrom().voidItem())))));
        } catch (Throwable t) {
            LOG.warnf(t, "grace period of agent %s could not be applied; retrying", agentId);
            timers.schedule(() -> expire(portalId, agentId), 1, TimeUnit.SECONDS);
        }
    }

    /** An agent sets their status; AWAY re-routes their conversations when the portal says so. */
    public Uni<Void> setStatus(String portalId, String agentId, String status) {
        return engine.decide(portalId, portal -> Sql.update("update agent set status = ?3 where portal_id = ?1"
                        + " and id = ?2 and status <> ?3", portal, agentId, status)
                .chain(changed -> changed == 0 ? Uni.createFrom().voidItem()
                        : outbox.stage(AgentStatusChanged.of(portal, agentId, status))
                        .chain(() -> "AWAY".equals(status) ? store.settings(portal) : Uni.createFrom().<dev.parley.routing.store.RoutingSettings>nullItem())
                        .chain(s -> s != null && s.rerouteOnAway()
                                ? conversations.requeueAll(portal, agentId, "AWAY")
                                : Uni.createFrom().voidItem())));
    }

    /** Timers live in memory: after a restart, re-arm them for agents whose grace period was running. */
    void onStart(@Observes StartupEvent start) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Sql.rows(
                    "select a.portal_id, a.id, coalesce(s.grace_seconds, 30) from agent a left join routing_settings"
                            + " s on s.portal_id = a.portal_id where a.present and a.connections = 0"))
                    .invoke(rows -> rows.forEach(r -> schedule(Sql.str(r[0]), Sql.str(r[1]),
                            Sql.integer(r[2])))));
        } catch (Throwable t) {
            LOG.warn("could not re-arm grace timers", t);
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        timers.shutdownNow();
    }
}
