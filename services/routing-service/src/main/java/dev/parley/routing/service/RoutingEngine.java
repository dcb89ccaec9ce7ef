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
import dev.parley.contracts.ParleyEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every routing decision goes through here, inside the caller's transaction: take the portal's lock, apply the
 * change, serve the queue ({@link Dispatcher}), then stage what changed (assignments, queue positions,
 * availability) in the outbox of the same transaction.
 *
 * <p><b>Reaching conversations.</b> The batch statements here and in {@link ConversationRouting} reach each of a
 * portal's conversations through its own primary-key lookup in a {@code lateral (... limit 1)} subquery (which
 * PostgreSQL cannot turn into a join of its own choosing) and update it through the {@code ctid} that lookup
 * returned. Joining the ids to {@code routed_conversation} on {@code portal_id} and {@code id} let the planner scan
 * the whole portal whenever the statistics predate the portal's growth (a new portal is estimated at one row until
 * autovacuum's next ANALYZE, which a large table may not get for a long time): measured on a copy of a benchmark's
 * database, 84 ids took 32 ms at 60,000 conversations in the portal and 1.4 ms through the lookups, and the scan
 * grows with the portal. Updating through a {@code ctid} is safe because every writer of a portal's conversations
 * holds the portal's lock ({@link #decide}, {@code RoutingStore.lockPortal}): a row another transaction changed in
 * between would be skipped (its new version has another {@code ctid}). The closes and reopens of a batch and the
 * queue run's assignments are counted (rows found or chosen against rows updated) and a difference fails the
 * transaction ({@link #changedUnderLock}) instead of losing the change; a skipped queue-position update
 * ({@code moved}) only delays that waiting visitor's next position announcement.
 */
@ApplicationScoped
public class RoutingEngine {

    private static final String CLAIM = "update agent set open_count = open_count + 1, last_assigned_at = now()"
            + " where portal_id = ?1 and id = ?2 and open_count < capacity and paid_seat";
    private static final String CLAIM_FOR_ROUTING = CLAIM + " and status = 'AVAILABLE' and present";
    private static final String FORCE = "update agent set open_count = open_count + 1,"
            + " forced_count = forced_count + 1, last_assigned_at = now() where portal_id = ?1 and id = ?2";

    /**
     * Everything a queue run changes, in one statement (one round trip under the portal's lock); each part but
     * {@code rr} reads a JSON array parameter and does nothing when it is empty:
     * <ul>
     * <li>{@code claimed}: every chosen agent's counter rises by their share of ?2 only if it stays within capacity
     * and the agent is available, present and seated (the conditional claim); the statement returns how many agent
     * rows qualified, and the caller fails the transaction — rolling every part back — unless all did;</li>
     * <li>{@code c}/{@code owners}: the assigned conversations and their contacts' owners (the last assignment of a
     * contact wins);</li>
     * <li>{@code rr}: the round-robin cursor (?5, saved when ?6: it follows every assignment, whatever the
     * strategy);</li>
     * <li>{@code staged}: the events (?3: assignments, positions, availability, in that order) in the outbox; the
     * relays are woken by a NOTIFY at commit when ?4, else the caller calls {@code OutboxRelay.committed()};</li>
     * <li>only in {@link #APPLY_ALL}: {@code moved}, the positions announced to waiting conversations (?7), and
     * {@code avail}, the chatflows' announced availability (?8).</li>
     * </ul>
     * The statement also returns how many conversations {@code c} assigned: the caller fails the transaction unless
     * it assigned every one the queue run chose. A queue run that announces no position and no availability (while
     * nobody waits and no chatflow's availability flips) sends {@link #APPLY}, without those two parts: PostgreSQL
     * plans every statement each time (plan_cache_mode), the parts it need not plan cost a share of the planning,
     * and the shorter text fits the client's prepared-statement cache (2,048 characters; {@code BatchStatementsTest}
     * keeps it there).
     */
    private static final String APPLY_HEAD = "with x as (select x ->> 'id' as id, x ->> 'agent' as agent_id, n"
            + " from jsonb_array_elements(cast(cast(?2 as text) as jsonb)) with ordinality as t(x, n)),"
            + " per_agent as (select agent_id, count(*) as n from x group by agent_id),"
            + " claimed as (update agent a set open_count = a.open_count + per_agent.n, last_assigned_at = now()"
            + " from per_agent where a.portal_id = ?1 and a.id = per_agent.agent_id"
            + " and a.open_count + per_agent.n <= a.capacity and a.paid_seat and a.status = 'AVAILABLE'"
            + " and a.present returning a.id),"
            + " c as (update routed_conversation c set state = 'ASSIGNED', agent_id = y.agent_id, forced = false,"
            + " assigned_at = now(), last_position = null from (select x.agent_id, x.n, f.rid from x cross join"
            + " lateral (select r.ctid as rid from routed_conversation r where r.portal_id = ?1 and r.id = x.id"
            + " limit 1) f) y where c.ctid = y.rid returning c.contact_key, c.agent_id, y.n),"
            + " owners as (insert into contact_owner (portal_id, contact_key, agent_id) select distinct on"
            + " (contact_key) ?1, contact_key, agent_id from c where contact_key is not null order by contact_key,"
            + " n desc on conflict (portal_id, contact_key) do update set agent_id = excluded.agent_id),"
            + " rr as (insert into routing_settings (portal_id, rr_cursor) select ?1, ?5 where ?6"
            + " on conflict (portal_id) do update set rr_cursor = excluded.rr_cursor),";
    private static final String APPLY_QUEUE = " moved as (update routed_conversation c"
            + " set last_position = cast(p ->> 'p' as integer)"
            + " from jsonb_array_elements(cast(cast(?7 as text) as jsonb)) p cross join lateral (select r.ctid as rid"
            + " from routed_conversation r where r.portal_id = ?1 and r.id = p ->> 'id' limit 1) f"
            + " where c.ctid = f.rid),"
            + " avail as (update chatflow_route r set availability = v ->> 'state'"
            + " from jsonb_array_elements(cast(cast(?8 as text) as jsonb)) v where r.portal_id = ?1"
            + " and r.chatflow_id = v ->> 'chatflow'),";
    private static final String APPLY_TAIL = " staged as (" + BatchOutbox.insert(3) + ")"
            + " select (select count(*) from claimed), (select count(*) from c), (select count(*) from (select "
            + BatchOutbox.NOTIFY + " where ?4) n)";
    static final String APPLY = APPLY_HEAD + APPLY_TAIL;
    static final String APPLY_ALL = APPLY_HEAD + APPLY_QUEUE + APPLY_TAIL;

    /** Positions up to this one are re-announced on every move; deeper ones every tenth place. */
    static final int POSITION_DETAIL = 10;

    private final RoutingStore store;
    private final Outbox outbox;
    private final PortalTimers timers;
    private final Clock clock;

    public RoutingEngine(RoutingStore store, Outbox outbox, PortalTimers timers, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.timers = timers;
        this.clock = clock;
    }

    /** Locks the portal, applies {@code change}, then re-runs its queue; all in the caller's transaction. */
    public <T> Uni<T> decide(String portalId, Function<String, Uni<T>> change) {
        return store.lockPortal(portalId).chain(() -> change.apply(portalId)).call(() -> drain(portalId, true));
    }

    /**
     * As {@link #decide}, but the queue run's events are staged without waking the outbox relays from inside the
     * transaction (PostgreSQL serialises the commits of transactions that NOTIFY): the caller calls
     * {@code OutboxRelay.committed()} once the transaction committed. For the batch consumer.
     */
    public Uni<Void> decideQuietly(String portalId, Function<String, Uni<Void>> change) {
        return store.lockPortal(portalId).chain(() -> change.apply(portalId)).call(() -> drain(portalId, false));
    }

    /**
     * Serves the portal's queue in order and announces assignments, new positions and availability. First, agents
     * whose grace period is over are marked absent (their conversations re-queued per portal setting) — whatever
     * instance armed their timer; conversations of business-hours chatflows outside their hours keep waiting. Then
     * the portal's next wake-up (an opening, a grace period ending) is armed ({@link PortalTimers}). Two round
     * trips whatever happens: the portal's state ({@link RoutingStore#state}) and every change ({@link #APPLY} or
     * {@link #APPLY_ALL}).
     */
    Uni<Void> drain(String portalId, boolean notify) {
        return stateAfterGrace(portalId).chain(state -> {
            RoutingSettings settings = state.settings();
            Map<String, AgentRow> agents = state.agents();
            List<Waiting> waiting = state.waiting();
            List<Route> routes = state.routes();
            Instant now = clock.instant();
            Set<String> closed = closedChatflows(routes, now);
            Map<String, AgentView> views = agents.values().stream()
                    .collect(Collectors.toMap(AgentRow::id, AgentRow::view, (a, b) -> a,
                            java.util.LinkedHashMap::new));
            var result = Dispatcher.drain(waiting.stream().map(Waiting::item).toList(), views,
                    new Dispatcher.Policy(settings.strategy(), settings.fallbackStrategy()),
                    settings.rrCursor(), System.currentTimeMillis(), closed);
            timers.wakeAt(portalId, nextWakeUp(agents.values(), routes, closed, result.waiting(), now));

            List<ParleyEvent> events = new ArrayList<>();
            var assignments = EventJson.mapper().createArrayNode();
            for (Dispatcher.Assignment a : result.assignments()) {
                assignments.addObject().put("id", a.conversationId()).put("agent", a.agentId());
                AgentRow agent = agents.get(a.agentId());
                events.add(ConversationAssigned.of(portalId, a.conversationId(), a.chatflowId(), agent.id(),
                        agent.displayName(), agent.avatarUrl(), false, null));
            }
            var moved = positions(portalId, waiting, result.waiting(), result.agents(),
                    state.meanHandlingSeconds(), events);
            var availability = availability(portalId, routes, result.agents(), events);
            boolean cursorMoved = !Objects.equals(result.rrCursor(), settings.rrCursor());
            if (events.isEmpty() && !cursorMoved) {
                return Uni.createFrom().voidItem();
            }
            long chosen = result.assignments().stream().map(Dispatcher.Assignment::agentId).distinct().count();
            String cursor = Sql.orEmpty(result.rrCursor());
            String staged = BatchOutbox.rows(events);
            Uni<List<Object[]>> applied = moved.isEmpty() && availability.isEmpty()
                    ? Sql.rows(APPLY, portalId, assignments.toString(), staged, notify, cursor, cursorMoved)
                    : Sql.rows(APPLY_ALL, portalId, assignments.toString(), staged, notify, cursor, cursorMoved,
                            moved.toString(), availability.toString());
            return applied
                    .chain(rows -> {
                        if (Sql.longValue(rows.get(0)[0]) != chosen) {
                            return Uni.createFrom().failure(ProblemException.conflict("at_capacity", "an agent of"
                                    + " portal " + portalId + " cannot take the conversations the queue gave them"));
                        }
                        return Sql.longValue(rows.get(0)[1]) == result.assignments().size()
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(changedUnderLock(portalId));
                    });
        });
    }

    /**
     * A batch statement found a conversation row but could not update it through its {@code ctid}: a writer without
     * the portal's lock changed it in between (see the class comment). The transaction fails and is retried whole.
     */
    static IllegalStateException changedUnderLock(String portalId) {
        return new IllegalStateException("a conversation of portal " + portalId
                + " changed while the portal was locked; the batch is rolled back");
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
     * The portal's state, after marking absent the agents whose grace period is over (present, no socket,
     * disconnected longer than the portal's {@code graceSeconds} ago) and — with {@code rerouteOnAway} — putting
     * their conversations back in the queue (reason DISCONNECTED). The condition is re-checked in the statement.
     */
    private Uni<RoutingStore.PortalState> stateAfterGrace(String portalId) {
        return store.state(portalId).chain(state -> {
            var over = EventJson.mapper().createArrayNode();
            state.agents().values().stream().filter(AgentRow::graceOver).forEach(a -> over.add(a.id()));
            if (over.isEmpty()) {
                return Uni.createFrom().item(state);
            }
            RoutingSettings settings = state.settings();
            return Sql.rows("update agent set present = false where portal_id = ?1"
                            + " and id = any(array(select jsonb_array_elements_text(cast(cast(?2 as text) as jsonb))))"
                            + " and present and connections = 0"
                            + " and disconnected_at <= now() - make_interval(secs => ?3) returning id, portal_id",
                            portalId, over.toString(), (double) settings.graceSeconds())
                    .chain(expired -> settings.rerouteOnAway()
                            ? Sql.each(expired, r -> requeueAll(portalId, Sql.str(r[0]), "DISCONNECTED"))
                            : Uni.createFrom().voidItem())
                    .chain(() -> store.state(portalId));
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

    /** A manual assignment (agent or admin): capacity applies unless an admin forces it. */
    Uni<Void> assignManually(String portalId, String conversationId, String chatflowId, AgentRow agent,
                             boolean forced, String assignedBy) {
        return claim(portalId, conversationId, chatflowId, agent, CLAIM, forced, assignedBy);
    }

    /**
     * The waiting conversations whose position is announced (see {@link Dispatcher#announce}): adds their
     * {@code ConversationQueued} events to {@code events} and returns the positions to store.
     */
    private static ArrayNode positions(String portalId, List<Waiting> before, List<QueuedItem> waiting,
                                       Map<String, AgentView> agents, Double meanHandlingSeconds,
                                       List<ParleyEvent> events) {
        Map<String, Integer> positions = Dispatcher.positions(waiting);
        Map<String, Integer> told = new java.util.HashMap<>();
        before.forEach(w -> told.put(w.item().conversationId(), w.lastPosition()));
        ArrayNode moved = EventJson.mapper().createArrayNode();
        for (QueuedItem q : waiting) {
            int position = positions.get(q.conversationId());
            if (Dispatcher.announce(told.get(q.conversationId()), position, POSITION_DETAIL)) {
                moved.addObject().put("id", q.conversationId()).put("p", position);
                events.add(ConversationQueued.of(portalId, q.conversationId(), q.chatflowId(), position,
                        WaitEstimate.seconds(position, meanHandlingSeconds, seats(q, agents))));
            }
        }
        return moved;
    }

    private static int seats(QueuedItem item, Map<String, AgentView> agents) {
        return agents.values().stream().filter(a -> a.available() && a.paidSeat() && item.admits(a))
                .mapToInt(AgentView::capacity).sum();
    }

    /** The chatflows whose availability changed: adds their {@code AvailabilityChanged} events to {@code events}. */
    private static ArrayNode availability(String portalId, List<Route> routes, Map<String, AgentView> agents,
                                          List<ParleyEvent> events) {
        ArrayNode changed = EventJson.mapper().createArrayNode();
        for (Route r : routes) {
            QueuedItem rules = new QueuedItem("", r.chatflowId(), 0, 0, r.userIds(), r.teamIds(), null);
            String state = Availability.of(agents.values(), rules).name();
            if (!state.equals(r.availability())) {
                changed.addObject().put("chatflow", r.chatflowId()).put("state", state);
                events.add(AvailabilityChanged.of(portalId, r.chatflowId(), state));
            }
        }
        return changed;
    }
}
