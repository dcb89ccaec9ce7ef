package dev.parley.routing.service;

import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AgentDisconnected;
import dev.parley.contracts.events.AgentStatusChanged;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.store.RoutingStore;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Agents' sockets (from conversation-service) and statuses. An agent whose last socket dropped stays present for
 * the portal's grace period ({@code agent.disconnected_at} + {@code graceSeconds}, in the database): every queue run
 * of the portal marks absent those whose grace is over and (per portal setting) re-routes their conversations, and
 * arms the portal's wake-up at the next end of a grace period ({@link PortalTimers}). No sweep over all agents.
 */
@ApplicationScoped
public class Presence {

    private final RoutingEngine engine;
    private final RoutingStore store;
    private final Outbox outbox;

    public Presence(RoutingEngine engine, RoutingStore store, Outbox outbox) {
        this.engine = engine;
        this.store = store;
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
                // the grace period starts: the queue run of this decision arms the portal's wake-up at its end
                .chain(() -> Sql.update("update agent set disconnected_at = now() where portal_id = ?1 and id = ?2"
                        + " and connections = 0 and present", portal, e.agentId()))
                .replaceWithVoid());
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

    /** An agent sets their status; AWAY re-routes their conversations when the portal says so. */
    public Uni<Void> setStatus(String portalId, String agentId, String status) {
        return engine.decide(portalId, portal -> Sql.update("update agent set status = ?3 where portal_id = ?1"
                        + " and id = ?2 and status <> ?3", portal, agentId, status)
                .chain(changed -> changed == 0 ? Uni.createFrom().voidItem()
                        : outbox.stage(AgentStatusChanged.of(portal, agentId, status))
                        .chain(() -> "AWAY".equals(status) ? store.settings(portal) : Uni.createFrom().<dev.parley.routing.store.RoutingSettings>nullItem())
                        .chain(s -> s != null && s.rerouteOnAway()
                                ? engine.requeueAll(portal, agentId, "AWAY")
                                : Uni.createFrom().voidItem())));
    }
}
