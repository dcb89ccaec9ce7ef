package dev.parley.routing.service;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationEvent;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.store.RoutingSettings;
import dev.parley.routing.store.RoutingStore;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import org.jboss.logging.Logger;

/** What conversation-service's events do to routing: start (assign or queue), close (frees capacity), reopen. */
@ApplicationScoped
public class ConversationRouting {

    private static final Logger LOG = Logger.getLogger(ConversationRouting.class);
    private static final ChatflowSettings.Assignment UNKNOWN = new ChatflowSettings.Assignment(false, List.of(),
            List.of());

    /**
     * One layer of a batch (see {@link #layers}) in one statement; each part reads a JSON array parameter and does
     * nothing when it is empty. A conversation appears at most once in a layer, so the parts touch different rows.
     * <ul>
     * <li>{@code started} (?2): starts in arrival order ({@code seq} follows the array order), priority 1 for an
     * identified contact when the portal's queue order (default ?4) is PRIORITY; a start after its close (the close
     * left a CLOSED row) or a redelivered one (a new event id for the same conversation) changes nothing;</li>
     * <li>{@code old}/{@code closing}/{@code freed}/{@code seats} (?3): closes what is open, giving back
     * the seats of the assigned ones (and their forced marks). A close whose conversation routing has not seen
     * ({@code early}) is recorded as CLOSED, so the late start is ignored. {@code freed} is one row (a JSON map
     * agent → [seats, forced], computed once): joined as a per-agent grouping, a new portal's agents — estimated
     * at one row until autovacuum's next ANALYZE — made PostgreSQL regroup the closes once per agent (2.2 ms
     * instead of 0.6 for 100 closes over 100 agents);</li>
     * <li>{@code reopened} (?5, only in {@link #LAYER_REOPENS}): a reopened conversation is a new arrival: queued
     * again (or back in the inbox). A layer without reopens (nearly all) leaves these parts out: PostgreSQL plans
     * every statement each time, and they were a quarter of the planning (0.46 -> 0.34 ms); the shorter text also
     * fits the client's prepared-statement cache (2,048 characters; {@code BatchStatementsTest} keeps it there;
     * hence the one-letter keys of the starts' JSON).</li>
     * </ul>
     * PostgreSQL runs every data-modifying WITH part exactly once, whether or not the main statement reads it.
     * Every conversation is reached by its own primary-key lookup (see {@link RoutingEngine}); the statement returns
     * how many closes and reopens found their row and how many it updated, and the caller fails the transaction
     * unless both are equal.
     */
    private static final String LAYER_HEAD = "with started as (insert into routed_conversation (portal_id, id,"
            + " chatflow_id, chatflow_version, state, auto_assign, priority, user_ids, team_ids, contact_key,"
            + " owner_agent_id, started_at, queued_at) select ?1, x ->> 'id', x ->> 'c',"
            + " cast(x ->> 'v' as int), x ->> 's', cast(x ->> 'a' as bool),"
            + " case when x ->> 'k' <> '' and coalesce((select queue_order from routing_settings"
            + " where portal_id = ?1), ?4) = 'PRIORITY' then 1 else 0 end, x ->> 'u', x ->> 't',"
            + " nullif(x ->> 'k', ''), (select o.agent_id from contact_owner o where o.portal_id = ?1"
            + " and o.contact_key = nullif(x ->> 'k', '')), now(), now()"
            + " from jsonb_array_elements(cast(cast(?2 as text) as jsonb)) with ordinality t(x, n) order by n"
            + " on conflict do nothing),"
            + " closes as (select x ->> 'id' as id, x ->> 'c' as chatflow_id"
            + " from jsonb_array_elements(cast(cast(?3 as text) as jsonb)) x),"
            + " old as (select o.* from closes x cross join lateral (select r.ctid rid, r.id, state, agent_id,"
            + " forced from routed_conversation r where portal_id = ?1 and r.id = x.id"
            + " and state <> 'CLOSED' limit 1 for update) o),"
            + " closing as (update routed_conversation c set state = 'CLOSED', closed_at = now() from old"
            + " where c.ctid = old.rid returning 1),"
            + " early as (insert into routed_conversation (portal_id, id, chatflow_id, chatflow_version, state,"
            + " auto_assign, started_at, closed_at) select ?1, x.id, x.chatflow_id, 0, 'CLOSED', false, now(), now()"
            + " from closes x left join lateral (select 1 found from routed_conversation r where portal_id = ?1"
            + " and r.id = x.id limit 1) f on true where f.found is null on conflict do nothing),";
    private static final String LAYER_REOPEN_PARTS = " reopens as (select f.rid"
            + " from jsonb_array_elements_text(cast(cast(?5 as text) as jsonb)) x(id)"
            + " cross join lateral (select r.ctid as rid from routed_conversation r where r.portal_id = ?1"
            + " and r.id = x.id and r.state = 'CLOSED' and r.chatflow_version > 0 limit 1) f),"
            + " reopened as (update routed_conversation c set"
            + " state = case when c.auto_assign then 'QUEUED' else 'INBOX' end, agent_id = null,"
            + " assigned_at = null, closed_at = null, forced = false, last_position = null, queued_at = now(),"
            + " seq = nextval('routed_conversation_seq_seq') from reopens f where c.ctid = f.rid returning 1),";
    private static final String LAYER_SEATS = " freed as materialized (select jsonb_object_agg(agent_id, array[n, f]) m"
            + " from (select agent_id, count(*) n, sum(cast(forced as int)) f from old"
            + " where state = 'ASSIGNED' group by agent_id) g),"
            + " seats as (update agent a set open_count = greatest(a.open_count - cast(m -> a.id ->> 0 as int), 0),"
            + " forced_count = greatest(a.forced_count - cast(m -> a.id ->> 1 as int), 0) from freed"
            + " where a.portal_id = ?1 and m -> a.id is not null)";
    static final String LAYER = LAYER_HEAD + LAYER_SEATS
            + " select (select count(*) from old), (select count(*) from closing)";
    static final String LAYER_REOPENS = LAYER_HEAD + LAYER_REOPEN_PARTS + LAYER_SEATS
            + " select (select count(*) from old) + (select count(*) from reopens),"
            + " (select count(*) from closing) + (select count(*) from reopened)";

    /** Rules of published chatflow versions (immutable once published), by portal/chatflow/version. */
    private final Map<String, ChatflowSettings.Assignment> knownRules = new ConcurrentHashMap<>();
    private final RoutingEngine engine;
    private final RoutingStore store;
    private final Outbox outbox;

    public ConversationRouting(RoutingEngine engine, RoutingStore store, Outbox outbox) {
        this.engine = engine;
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Applies a batch of conversation events: per portal (in portal order, so two instances never wait on each
     * other's locks in opposite orders), one lock, the events' changes in their order — consecutive events of one
     * kind in one statement — and one queue run at the end. A burst of starts costs a few statements, not a
     * transaction each.
     */
    public Uni<Void> apply(List<ParleyEvent> events) {
        Map<String, List<ConversationEvent>> byPortal = new TreeMap<>();
        for (ParleyEvent e : events) {
            if (routes(e)) {
                byPortal.computeIfAbsent(e.portalId(), p -> new ArrayList<>()).add((ConversationEvent) e);
            }
        }
        return Sql.each(List.copyOf(byPortal.entrySet()), portal -> rules(portal.getValue()).chain(rules ->
                engine.decideQuietly(portal.getKey(), p -> Sql.each(layers(portal.getValue()),
                        layer -> applyLayer(p, layer, rules)))));
    }

    /** The conversation events routing acts on (messages, consents and the like are not its business). */
    public static boolean routes(ParleyEvent e) {
        return e instanceof ConversationStarted || e instanceof ConversationClosed || e instanceof ConversationReopened;
    }

    /**
     * The batch as statements: the n-th event of each conversation goes to layer n, and each layer is one
     * statement ({@link #LAYER} or {@link #LAYER_REOPENS}: its starts, closes and reopens). A conversation appears
     * once per layer, so its own events keep their order; events of different conversations commute (the queue is
     * served once, after all of them), except starts among themselves, which keep their arrival order inside the
     * statement.
     */
    static List<List<ConversationEvent>> layers(List<ConversationEvent> events) {
        Map<String, Integer> perConversation = new HashMap<>();
        List<List<ConversationEvent>> layers = new ArrayList<>();
        for (ConversationEvent e : events) {
            int layer = perConversation.merge(e.conversationId(), 1, Integer::sum) - 1;
            if (layers.size() == layer) {
                layers.add(new ArrayList<>());
            }
            layers.get(layer).add(e);
        }
        return layers;
    }

    private Uni<Void> applyLayer(String portal, List<ConversationEvent> layer,
                                 Map<String, ChatflowSettings.Assignment> rules) {
        var starts = EventJson.mapper().createArrayNode();
        var closes = EventJson.mapper().createArrayNode();
        var reopens = EventJson.mapper().createArrayNode();
        for (ConversationEvent event : layer) {
            if (event instanceof ConversationStarted e) {
                ChatflowSettings.Assignment a = rules.getOrDefault(rulesKey(e), UNKNOWN);
                // Keys of one letter: the statement's text must stay under the client's cache limit (see LAYER).
                starts.addObject().put("id", e.conversationId()).put("c", e.chatflowId())
                        .put("v", e.chatflowVersion()).put("s", a.enabled() ? "QUEUED" : "INBOX")
                        .put("a", a.enabled())
                        .put("u", String.join(",", a.userIds() == null ? List.of() : a.userIds()))
                        .put("t", String.join(",", a.teamIds() == null ? List.of() : a.teamIds()))
                        .put("k", e.contactEmail() == null ? "" : e.contactEmail().toLowerCase(Locale.ROOT));
            } else if (event instanceof ConversationClosed e) {
                closes.addObject().put("id", e.conversationId()).put("c", String.valueOf(e.chatflowId()));
            } else {
                reopens.add(event.conversationId());
            }
        }
        String queueOrder = RoutingSettings.DEFAULTS.queueOrder().name();
        Uni<List<Object[]>> applied = reopens.isEmpty()
                ? Sql.rows(LAYER, portal, starts.toString(), closes.toString(), queueOrder)
                : Sql.rows(LAYER_REOPENS, portal, starts.toString(), closes.toString(), queueOrder,
                        reopens.toString());
        return applied
                .chain(rows -> Sql.longValue(rows.get(0)[0]) == Sql.longValue(rows.get(0)[1])
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(RoutingEngine.changedUnderLock(portal)));
    }

    /** The assignment rules of every chatflow version the starts of {@code events} name. */
    private Uni<Map<String, ChatflowSettings.Assignment>> rules(List<ConversationEvent> events) {
        Map<String, ChatflowSettings.Assignment> rules = new HashMap<>();
        List<ConversationStarted> missing = new ArrayList<>();
        for (ConversationEvent e : events) {
            if (e instanceof ConversationStarted started && !rules.containsKey(rulesKey(started))) {
                ChatflowSettings.Assignment known = knownRules.get(rulesKey(started));
                rules.put(rulesKey(started), known);
                if (known == null) {
                    missing.add(started);
                }
            }
        }
        return Sql.each(missing, e -> assignment(e.portalId(), e.chatflowId(), e.chatflowVersion())
                .invoke(a -> rules.put(rulesKey(e), a))).map(v -> rules);
    }

    private static String rulesKey(ConversationStarted e) {
        return e.portalId() + "/" + e.chatflowId() + "/" + e.chatflowVersion();
    }

    /**
     * The chatflow version's assignment rules (a published version never changes, so found rules are kept in
     * memory). The catalog (every version) is one reader of parley.chatflows.v1 and {@code chatflow_route} (each
     * chatflow's latest rules) another: if a start overtakes the catalog, the latest rules stand in. A chatflow
     * neither knows lands in the inbox (nothing auto-assigns).
     */
    private Uni<ChatflowSettings.Assignment> assignment(String portalId, String chatflowId, int version) {
        return Sql.rows("select cast(snapshot -> 'settings' -> 'assignment' as text), version from chatflow_snapshot"
                        + " where portal_id = ?1 and chatflow_id = ?2 and snapshot -> 'settings' -> 'assignment'"
                        + " is not null order by (version = ?3) desc, version desc limit 1",
                        portalId, chatflowId, version)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return latestRoute(portalId, chatflowId);
                    }
                    ChatflowSettings.Assignment rules = parse(Sql.str(rows.get(0)[0]));
                    if (Sql.integer(rows.get(0)[1]) == version) {
                        knownRules.put(portalId + "/" + chatflowId + "/" + version, rules);
                    }
                    return Uni.createFrom().item(rules);
                });
    }

    private Uni<ChatflowSettings.Assignment> latestRoute(String portalId, String chatflowId) {
        return Sql.rows("select enabled, user_ids, team_ids from chatflow_route where portal_id = ?1"
                        + " and chatflow_id = ?2", portalId, chatflowId)
                .map(rows -> {
                    if (rows.isEmpty()) {
                        LOG.warnf("chatflow %s of portal %s is unknown: the conversation waits in the inbox",
                                chatflowId, portalId);
                        return UNKNOWN;
                    }
                    Object[] r = rows.get(0);
                    return new ChatflowSettings.Assignment(Sql.bool(r[0]), Sql.split(r[1]), Sql.split(r[2]));
                });
    }

    private static ChatflowSettings.Assignment parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ChatflowSettings.Assignment.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("stored assignment rules are not JSON", ex);
        }
    }

    /** Gives back the seat a conversation held on {@code agentId} (none when null). */
    Uni<Void> release(String portalId, String conversationId, String agentId) {
        if (agentId == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.update("update agent set open_count = greatest(open_count - 1, 0),"
                + " forced_count = greatest(forced_count - (select case when forced then 1 else 0 end"
                + " from routed_conversation where portal_id = ?1 and id = ?3), 0)"
                + " where portal_id = ?1 and id = ?2", portalId, agentId, conversationId).replaceWithVoid();
    }
}
