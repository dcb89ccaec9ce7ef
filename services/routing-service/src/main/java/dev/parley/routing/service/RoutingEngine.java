package dev.parley.routing.service;

import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationUnassigned;
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
import dev.parley.routing.store.RoutingSettings;
import dev.parley.routing.store.RoutingStore;
import dev.parley.routing.store.RoutingStore.Route;
import dev.parley.routing.store.RoutingStore.Waiting;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
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
    private final PortalTimers timers;
    private final Clock clock;

    public RoutingEngine(RoutingStore store, Outbox outbox, BatchOutbox batch, PortalTimers timers, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.batch = batch;
        this.timers = timers;
        this.clock = clock;
    }

    /** Locks the portal, applies {@code change}, then re-runs its queue; all in the caller's transaction. */
    public <T> Uni<T> decide(String portalId, Function<String, Uni<T>> change) {
        return store.lockPortal(portalId)
                .chain(() -> change.apply(portalId))
                .call(() -> store.settings(portalId).chain(settings -> drain(portalId, settings)));
    }

    /**
     * As {@link #decide}, for a change that does not touch the portal's routing settings: they are read once,
     * under the lock, for the change and for the queue run.
     */
    public Uni<Void> decide(String portalId, BiFunction<String, RoutingSettings, Uni<Void>> change) {
        return store.lockPortal(portalId)
                .chain(() -> store.settings(portalId))
                .chain(settings -> change.apply(portalId, settings).chain(() -> drain(portalId, settings)));
    }

    /**
     * Serves the portal's queue in order and announces assignments, new positions and availability. First, agents
     * whose grace period is over are marked absent (their conversations re-queued per portal setting) — whatever
     * instance armed their timer; conversations of business-hours chatflows outside their hours keep waiting. Then
     * the portal's next wake-up (an opening, a grace period ending) is armed ({@link PortalTimers}).
     */
    Uni<Void> drain(String portalId, RoutingSettings settings) {
        return agentsAfterGrace(portalId, settings).chain(agents -> store.waiting(portalId).chain(waiting ->
                store.routes(portalId).chain(routes -> {
                    Instant now = clock.instant();
                    Set<String> closed = closedChatflows(routes, now);
                    Map<String, AgentView> views = agents.values().stream()
                            .collect(Collectors.toMap(AgentRow::id, AgentRow::view, (a, b) -> a,
                                    java.util.LinkedHashMap::new));
                    var result = Dispatcher.drain(waiting.stream().map(Waiting::item).toList(), views,
                            new Dispatcher.Policy(settings.strategy(), settings.fallbackStrategy()),
                            settings.rrCursor(), System.currentTimeMillis(), closed);
                    timers.wakeAt(portalId, nextWakeUp(agents.values(), routes, closed, result.waiting(), now));
                    return claimAll(portalId, result.assignments(), agents)
                            .chain(() -> Objects.equals(result.rrCursor(), settings.rrCursor())
                                    ? Uni.createFrom().voidItem() : saveCursor(portalId, result.rrCursor()))
                            .chain(() -> announcePositions(portalId, waiting, result.waiting(), result.agents()))
                            .chain(() -> announceAvailability(portalId, routes, result.agents()));
                })));
    }

    /** Business-hours chatflows of the portal that are closed at {@code now}. */
    static Set<String> closedChatflows(List<Route> routes, Instant now) {
        Set<String> closed = new HashSet<>();
        for (Route r : routes) {
            if (r.hours() != null && !r.hours().isOpen(now)) {
                closed.add(r.chatflowId());
            }
        }
        return closed;
    }

    /**
     * When the portal's state next changes by itself: the earliest of the openings of closed chatflows that have
     * waiting conversations and the ends of running grace periods; null when nothing is pending.
     */
    static Instant nextWakeUp(Collection<AgentRow> agents, List<Route> routes, Set<String> closed,
                              List<QueuedItem> waiting, Instant now) {
        Instant next = null;
        for (AgentRow a : agents) {
            if (a.graceLeftMillis() != null) {
                next = earliest(next, now.plusMillis(Math.max(a.graceLeftMillis(), 0)));
            }
        }
        Set<String> waitingClosed = new HashSet<>();
        waiting.forEach(q -> {
            if (closed.contains(q.chatflowId())) {
                waitingClosed.add(q.chatflowId());
            }
        });
        for (Route r : routes) {
            if (waitingClosed.contains(r.chatflowId())) {
                next = earliest(next, r.hours().nextOpening(now));
            }
        }
        return next;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /**
     * The portal's agents, after marking absent those whose grace period is over (present, no socket, disconnected
     * longer than the portal's {@code graceSeconds} ago) and — with {@code rerouteOnAway} — putting their
     * conversations back in the queue (reason DISCONNECTED). The condition is re-checked in the statement.
     */
    private Uni<Map<String, AgentRow>> agentsAfterGrace(String portalId, RoutingSettings settings) {
        return store.agents(portalId, settings.graceSeconds()).chain(agents -> {
            var over = EventJson.mapper().createArrayNode();
            agents.values().stream().filter(AgentRow::graceOver).forEach(a -> over.add(a.id()));
            if (over.isEmpty()) {
                return Uni.createFrom().item(agents);
            }
            return Sql.rows("update agent set present = false where portal_id = ?1"
                            + " and id = any(array(select jsonb_array_elements_text(cast(cast(?2 as text) as jsonb))))"
                            + " and present and connections = 0"
                            + " and disconnected_at <= now() - make_interval(secs => ?3) returning id, portal_id",
                            portalId, over.toString(), (double) settings.graceSeconds())
                    .chain(expired -> settings.rerouteOnAway()
                            ? Sql.each(expired, r -> requeueAll(portalId, Sql.str(r[0]), "DISCONNECTED"))
                            : Uni.createFrom().voidItem())
                    .chain(() -> store.agents(portalId, settings.graceSeconds()));
        });
    }

    /**
     * Puts every auto-assigned conversation the agent holds back in the queue, ahead of later arrivals (they keep
     * their original seq); conversations claimed from the inbox stay with the agent.
     */
    public Uni<Void> requeueAll(String portalId, String agentId, String reason) {
        return Sql.rows("update routed_conversation set state = 'QUEUED', agent_id = null, assigned_at = null,"
                        + " forced = false, last_position = null, queued_at = now() where portal_id = ?1"
                        + " and agent_id = ?2 and state = 'ASSIGNED' and auto_assign returning id, chatflow_id",
                        portalId, agentId)
                .chain(rows -> Sql.update("update agent set open_count = (select count(*) from routed_conversation c"
                                + " where c.portal_id = ?1 and c.agent_id = ?2 and c.state = 'ASSIGNED'),"
                                + " forced_count = (select count(*) from routed_conversation c where c.portal_id = ?1"
                                + " and c.agent_id = ?2 and c.state = 'ASSIGNED' and c.forced)"
                                + " where portal_id = ?1 and id = ?2", portalId, agentId)
                        .chain(() -> Sql.each(rows, r -> outbox.stage(ConversationUnassigned.of(portalId,
                                Sql.str(r[0]), Sql.str(r[1]), agentId, reason)))));
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

    private Uni<Void> announceAvailability(String portalId, List<Route> routes, Map<String, AgentView> agents) {
        List<String[]> changed = new ArrayList<>();
        for (Route r : routes) {
            QueuedItem rules = new QueuedItem("", r.chatflowId(), 0, 0, r.userIds(), r.teamIds(), null);
            String state = Availability.of(agents.values(), rules).name();
            if (!state.equals(r.availability())) {
                changed.add(new String[] {r.chatflowId(), state});
            }
        }
        return Sql.each(changed, c -> Sql.update("update chatflow_route set availability = ?3"
                        + " where portal_id = ?1 and chatflow_id = ?2", portalId, c[0], c[1])
                .chain(() -> outbox.stage(AvailabilityChanged.of(portalId, c[0], c[1]))));
    }
}
