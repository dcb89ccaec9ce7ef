package dev.parley.routing.service;

import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.domain.AgentView;
import dev.parley.routing.domain.Availability;
import dev.parley.routing.domain.Dispatcher;
import dev.parley.routing.domain.QueuedItem;
import dev.parley.routing.domain.WaitEstimate;
import dev.parley.contracts.EventJson;
import dev.parley.routing.store.AgentRow;
import dev.parley.routing.store.BatchOutbox;
import dev.parley.routing.store.RoutingStore;
import dev.parley.routing.store.RoutingStore.Waiting;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every routing decision goes through here, inside the caller's transaction: take the portal's lock, apply the
 * change, serve the queue ({@link Dispatcher}), then stage what changed (assignments, queue positions,
 * availability) in the outbox of the same transaction.
 */
@ApplicationScoped
public class RoutingEngine {

    private static final String CLAIM = "update agent set open_count = open_count + 1, last_assigned_at = now()"
            + " where portal_id = ?1 and id = ?2 and open_count < capacity and paid_seat";
    private static final String CLAIM_FOR_ROUTING = CLAIM + " and status = 'AVAILABLE' and present";
    private static final String FORCE = "update agent set open_count = open_count + 1,"
            + " forced_count = forced_count + 1, last_assigned_at = now() where portal_id = ?1 and id = ?2";

    private static final String CLAIM_ALL = "with x as (select x ->> 'agent' as agent_id, count(*) as n"
            + " from jsonb_array_elements(cast(cast(?2 as text) as jsonb)) x group by 1)"
            + " update agent a set open_count = a.open_count + x.n, last_assigned_at = now() from x"
            + " where a.portal_id = ?1 and a.id = x.agent_id and a.open_count + x.n <= a.capacity and a.paid_seat"
            + " and a.status = 'AVAILABLE' and a.present";
    /** The conversations, and their contacts' owners (one row per contact: the last assignment wins). */
    private static final String ASSIGN_ALL = "with x as (select x ->> 'id' as id, x ->> 'agent' as agent_id, n"
            + " from jsonb_array_elements(cast(cast(?2 as text) as jsonb)) with ordinality as t(x, n)),"
            + " c as (update routed_conversation c set state = 'ASSIGNED', agent_id = x.agent_id, forced = false,"
            + " assigned_at = now(), last_position = null from x where c.portal_id = ?1 and c.id = x.id"
            + " returning c.contact_key, c.agent_id, x.n)"
            + " insert into contact_owner (portal_id, contact_key, agent_id) select distinct on (contact_key) ?1,"
            + " contact_key, agent_id from c where contact_key is not null order by contact_key, n desc"
            + " on conflict (portal_id, contact_key) do update set agent_id = excluded.agent_id";

    /** Positions up to this one are re-announced on every move; deeper ones every tenth place. */
    static final int POSITION_DETAIL = 10;

    private final RoutingStore store;
    private final Outbox outbox;
    private final BatchOutbox batch;

    public RoutingEngine(RoutingStore store, Outbox outbox, BatchOutbox batch) {
        this.store = store;
        this.outbox = outbox;
        this.batch = batch;
    }

    /** Locks the portal, applies {@code change}, then re-runs its queue; all in the caller's transaction. */
    public <T> Uni<T> decide(String portalId, Function<String, Uni<T>> change) {
        return store.lockPortal(portalId)
                .chain(() -> change.apply(portalId))
                .call(() -> drain(portalId));
    }

    /** Serves the portal's queue in order and announces assignments, new positions and availability. */
    Uni<Void> drain(String portalId) {
        return store.settings(portalId).chain(settings -> store.agents(portalId).chain(agents ->
                store.waiting(portalId).chain(waiting -> {
                    Map<String, AgentView> views = agents.values().stream()
                            .collect(Collectors.toMap(AgentRow::id, AgentRow::view, (a, b) -> a,
                                    java.util.LinkedHashMap::new));
                    var result = Dispatcher.drain(waiting.stream().map(Waiting::item).toList(), views,
                            new Dispatcher.Policy(settings.strategy(), settings.fallbackStrategy()),
                            settings.rrCursor(), System.currentTimeMillis());
                    return claimAll(portalId, result.assignments(), agents)
                            .chain(() -> Objects.equals(result.rrCursor(), settings.rrCursor())
                                    ? Uni.createFrom().voidItem() : saveCursor(portalId, result.rrCursor()))
                            .chain(() -> announcePositions(portalId, waiting, result.waiting(), result.agents()))
                            .chain(() -> announceAvailability(portalId, result.agents()));
                })));
    }

    /**
     * Gives a conversation to an agent with the conditional claim: the row is only updated while the agent is
     * below capacity (unless {@code forced}), so even a logic error cannot push an agent past capacity.
     */
    Uni<Void> claim(String portalId, String conversationId, String chatflowId, AgentRow agent, String claimSql,
                    boolean forced, String assignedBy) {
        return Sql.update(forced ? FORCE : claimSql, portalId, agent.id()).chain(updated -> {
            if (updated != 1) {
                return Uni.createFrom().failure(ProblemException.conflict("at_capacity",
                        "agent " + agent.id() + " cannot take another conversation"));
            }
            // The conversation and its contact's owner in one statement: the portal's lock stays short.
            return Sql.update("with c as (update routed_conversation set state = 'ASSIGNED', agent_id = ?3,"
                            + " forced = ?4, assigned_at = now(), last_position = null where portal_id = ?1"
                            + " and id = ?2 returning portal_id, contact_key, agent_id)"
                            + " insert into contact_owner (portal_id, contact_key, agent_id)"
                            + " select portal_id, contact_key, agent_id from c where contact_key is not null"
                            + " on conflict (portal_id, contact_key) do update set agent_id = excluded.agent_id",
                            portalId, conversationId, agent.id(), forced)
                    .chain(() -> outbox.stage(ConversationAssigned.of(portalId, conversationId, chatflowId,
                            agent.id(), agent.displayName(), agent.avatarUrl(), forced, assignedBy)));
        });
    }

    /**
     * The queue run's assignments in three statements whatever their number: every chosen agent's counter rises
     * by their share with the conditional claim (below capacity after the rise, available, present, seated) — if
     * any agent's row does not qualify the transaction fails, so capacity holds even against a logic error — then
     * the conversations and their contacts' owners, then the ConversationAssigned events.
     */
    Uni<Void> claimAll(String portalId, List<Dispatcher.Assignment> assignments, Map<String, AgentRow> agents) {
        if (assignments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var rows = EventJson.mapper().createArrayNode();
        assignments.forEach(a -> rows.addObject().put("id", a.conversationId()).put("agent", a.agentId()));
        long chosen = assignments.stream().map(Dispatcher.Assignment::agentId).distinct().count();
        return Sql.update(CLAIM_ALL, portalId, rows.toString()).chain(updated -> {
            if (updated != chosen) {
                return Uni.createFrom().failure(ProblemException.conflict("at_capacity",
                        "an agent of portal " + portalId + " cannot take the conversations the queue gave them"));
            }
            return Sql.update(ASSIGN_ALL, portalId, rows.toString())
                    .chain(() -> batch.stageAll(assignments.stream().map(a -> {
                        AgentRow agent = agents.get(a.agentId());
                        return ConversationAssigned.of(portalId, a.conversationId(), a.chatflowId(), agent.id(),
                                agent.displayName(), agent.avatarUrl(), false, null);
                    }).toList()));
        });
    }

    /** A manual assignment (agent or admin): capacity applies unless an admin forces it. */
    Uni<Void> assignManually(String portalId, String conversationId, String chatflowId, AgentRow agent,
                             boolean forced, String assignedBy) {
        return claim(portalId, conversationId, chatflowId, agent, CLAIM, forced, assignedBy);
    }

    private Uni<Void> saveCursor(String portalId, String cursor) {
        return Sql.update("insert into routing_settings (portal_id, rr_cursor) values (?1, ?2)"
                + " on conflict (portal_id) do update set rr_cursor = excluded.rr_cursor", portalId, cursor)
                .replaceWithVoid();
    }

    private Uni<Void> announcePositions(String portalId, List<Waiting> before, List<QueuedItem> waiting,
                                        Map<String, AgentView> agents) {
        Map<String, Integer> positions = Dispatcher.positions(waiting);
        Map<String, Integer> told = new java.util.HashMap<>();
        before.forEach(w -> told.put(w.item().conversationId(), w.lastPosition()));
        List<QueuedItem> changed = waiting.stream()
                .filter(q -> Dispatcher.announce(told.get(q.conversationId()), positions.get(q.conversationId()),
                        POSITION_DETAIL))
                .toList();
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.meanHandlingSeconds(portalId).chain(mean -> {
            var updates = EventJson.mapper().createArrayNode();
            List<ConversationQueued> events = new ArrayList<>();
            for (QueuedItem q : changed) {
                int position = positions.get(q.conversationId());
                updates.addObject().put("id", q.conversationId()).put("p", position);
                events.add(ConversationQueued.of(portalId, q.conversationId(), q.chatflowId(), position,
                        WaitEstimate.seconds(position, mean, seats(q, agents))));
            }
            // One statement for every moved position, one for their announcements: the lock stays short.
            return Sql.update("update routed_conversation c set last_position = cast(x ->> 'p' as integer)"
                            + " from jsonb_array_elements(cast(cast(?2 as text) as jsonb)) x"
                            + " where c.portal_id = ?1 and c.id = x ->> 'id'", portalId, updates.toString())
                    .chain(() -> batch.stageAll(events));
        });
    }

    private static int seats(QueuedItem item, Map<String, AgentView> agents) {
        return agents.values().stream().filter(a -> a.available() && a.paidSeat() && item.admits(a))
                .mapToInt(AgentView::capacity).sum();
    }

    private Uni<Void> announceAvailability(String portalId, Map<String, AgentView> agents) {
        return store.routes(portalId).chain(routes -> {
            List<Object[]> changed = new ArrayList<>();
            for (Object[] r : routes) {
                QueuedItem rules = new QueuedItem("", Sql.str(r[0]), 0, 0, Set.copyOf(Sql.split(r[1])),
                        Set.copyOf(Sql.split(r[2])), null);
                String state = Availability.of(agents.values(), rules).name();
                if (!state.equals(r[3])) {
                    changed.add(new Object[] {r[0], state});
                }
            }
            return Sql.each(changed, c -> Sql.update("update chatflow_route set availability = ?3"
                            + " where portal_id = ?1 and chatflow_id = ?2", portalId, c[0], c[1])
                    .chain(() -> outbox.stage(AvailabilityChanged.of(portalId, (String) c[0], (String) c[1]))));
        });
    }
}
