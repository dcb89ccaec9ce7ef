package dev.parley.routing.store;

import static dev.parley.kit.sql.Sql.bool;
import static dev.parley.kit.sql.Sql.integer;
import static dev.parley.kit.sql.Sql.longValue;
import static dev.parley.kit.sql.Sql.str;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import dev.parley.kit.sql.Sql;
import dev.parley.routing.domain.QueueOrder;
import dev.parley.routing.domain.QueuedItem;
import dev.parley.routing.domain.Strategy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Reads of the routing tables; every method runs on the caller's session and transaction. */
@ApplicationScoped
public class RoutingStore {

    /** A waiting conversation and the position it was last told. */
    public record Waiting(QueuedItem item, Integer lastPosition) {
    }

    private static final String AGENT_COLUMNS = "id, display_name, avatar_url, paid_seat, capacity, status,"
            + " connections, present, open_count, forced_count,"
            + " coalesce(cast(extract(epoch from last_assigned_at) * 1000 as bigint), " + Long.MIN_VALUE + ")";
    /** Serialises every routing decision of one portal across all instances until the transaction ends. */
    public Uni<Void> lockPortal(String portalId) {
        return Sql.rows("select 1, count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 7))) l",
                "routing:" + portalId).replaceWithVoid();
    }

    public Uni<RoutingSettings> settings(String portalId) {
        return Sql.rows("select strategy, fallback_strategy, queue_order, grace_seconds, reroute_on_away,"
                        + " default_capacity, rr_cursor from routing_settings where portal_id = ?1", portalId)
                .map(rows -> rows.isEmpty() ? RoutingSettings.DEFAULTS : settings(rows.get(0)));
    }

    private static RoutingSettings settings(Object[] r) {
        return new RoutingSettings(Strategy.valueOf(str(r[0])), Strategy.valueOf(str(r[1])),
                QueueOrder.valueOf(str(r[2])), integer(r[3]), bool(r[4]), integer(r[5]), str(r[6]));
    }

    private static final String AGENTS = "select " + AGENT_COLUMNS + ", (select string_agg(m.team_id, ',')"
            + " from team_member m where m.portal_id = a.portal_id and m.agent_id = a.id)"
            + " from agent a where portal_id = ?1 order by id";

    /** The portal's agents, for the API (without their grace time left). */
    public Uni<Map<String, AgentRow>> agents(String portalId) {
        return Sql.rows(AGENTS, portalId).map(rows -> {
            Map<String, AgentRow> agents = new LinkedHashMap<>();
            rows.forEach(r -> agents.put(str(r[0]), agent(r, Set.copyOf(Sql.split(r[11])), null)));
            return agents;
        });
    }

    public Uni<Optional<AgentRow>> agent(String portalId, String agentId) {
        return Sql.rows("select team_id, 1 from team_member where portal_id = ?1 and agent_id = ?2",
                        portalId, agentId)
                .chain(teamRows -> {
                    Set<String> teams = new HashSet<>();
                    teamRows.forEach(r -> teams.add(str(r[0])));
                    return Sql.rows("select " + AGENT_COLUMNS + " from agent where portal_id = ?1 and id = ?2",
                                    portalId, agentId)
                            .map(rows -> rows.stream().findFirst().map(r -> agent(r, teams, null)));
                });
    }

    private static AgentRow agent(Object[] r, Set<String> teams, Long graceLeftMillis) {
        return new AgentRow(str(r[0]), str(r[1]), str(r[2]), bool(r[3]), integer(r[4]), str(r[5]), integer(r[6]),
                bool(r[7]), integer(r[8]), integer(r[9]), longValue(r[10]), teams, graceLeftMillis);
    }

    /**
     * Everything a queue run reads, in one statement (one round trip while the portal's lock is held): the
     * settings, the agents with their grace time left (those present without a socket; computed by PostgreSQL from
     * the portal's {@code graceSeconds}), their team memberships, the waiting conversations in serving order, every
     * chatflow's latest rules with its last published availability and business hours, and the mean handling time
     * of the portal's last 50 closed conversations (null without history). Each part is a JSON array of arrays.
     *
     * <p>Each part reads its table once, whatever PostgreSQL estimates: the memberships used to be joined to the
     * agents, and a new portal's agents are estimated at one row until autovacuum's next ANALYZE of the table, so
     * PostgreSQL re-aggregated every agent's teams once per agent (3.4 ms at 100 agents, 0.4 now, 0.5 with fresh
     * statistics; measured on a copy of the benchmark's tables), in every decision of the portal's first minute or two.
     */
    private static final String STATE = "with g as (select coalesce((select grace_seconds from routing_settings"
            + " where portal_id = ?1), ?2) as secs)"
            + " select cast((select json_build_array(strategy, fallback_strategy, queue_order, grace_seconds,"
            + " reroute_on_away, default_capacity, rr_cursor) from routing_settings where portal_id = ?1) as text),"
            + " cast((select json_agg(json_build_array(a.id, a.display_name, a.avatar_url, a.paid_seat, a.capacity,"
            + " a.status, a.connections, a.present, a.open_count, a.forced_count,"
            + " coalesce(cast(extract(epoch from a.last_assigned_at) * 1000 as bigint), " + Long.MIN_VALUE + "),"
            + " case when a.present and a.connections = 0 and a.disconnected_at is not null then cast(extract(epoch"
            + " from a.disconnected_at + make_interval(secs => cast(g.secs as double precision)) - now()) * 1000"
            + " as bigint) end) order by a.id) from agent a cross join g where a.portal_id = ?1) as text),"
            + " cast((select json_agg(json_build_array(agent_id, team_id)) from team_member where portal_id = ?1)"
            + " as text),"
            + " cast((select json_agg(json_build_array(id, chatflow_id, priority, seq, user_ids, team_ids,"
            + " owner_agent_id, last_position) order by priority desc, seq) from routed_conversation"
            + " where portal_id = ?1 and state = 'QUEUED') as text),"
            + " cast((select json_agg(json_build_array(chatflow_id, user_ids, team_ids, availability,"
            + " availability_mode, hours, holidays, time_zone)) from chatflow_route where portal_id = ?1) as text),"
            + " (select avg(extract(epoch from closed_at - assigned_at)) from (select closed_at, assigned_at"
            + " from routed_conversation where portal_id = ?1 and state = 'CLOSED' and assigned_at is not null"
            + " order by closed_at desc limit 50) h)";

    /** What a queue run reads (see {@link #state}). */
    public record PortalState(RoutingSettings settings, Map<String, AgentRow> agents, List<Waiting> waiting,
                              List<Route> routes, Double meanHandlingSeconds) {
    }

    /** The portal's state for a queue run, in one round trip; call it under the portal's lock. */
    public Uni<PortalState> state(String portalId) {
        return Sql.rows(STATE, portalId, RoutingSettings.DEFAULTS.graceSeconds()).map(rows -> {
            Object[] r = rows.get(0);
            JsonNode s = json(r[0]);
            RoutingSettings settings = s.isEmpty() ? RoutingSettings.DEFAULTS : new RoutingSettings(
                    Strategy.valueOf(s.get(0).asText()), Strategy.valueOf(s.get(1).asText()),
                    QueueOrder.valueOf(s.get(2).asText()), s.get(3).asInt(), s.get(4).asBoolean(), s.get(5).asInt(),
                    text(s.get(6)));
            Map<String, Set<String>> teams = new HashMap<>();
            for (JsonNode m : json(r[2])) {
                teams.computeIfAbsent(m.get(0).asText(), k -> new HashSet<>()).add(m.get(1).asText());
            }
            Map<String, AgentRow> agents = new LinkedHashMap<>();
            for (JsonNode a : json(r[1])) {
                agents.put(a.get(0).asText(), new AgentRow(a.get(0).asText(), text(a.get(1)), text(a.get(2)),
                        a.get(3).asBoolean(), a.get(4).asInt(), a.get(5).asText(), a.get(6).asInt(),
                        a.get(7).asBoolean(), a.get(8).asInt(), a.get(9).asInt(), a.get(10).asLong(),
                        teams.getOrDefault(a.get(0).asText(), Set.of()),
                        a.get(11).isNull() ? null : a.get(11).asLong()));
            }
            List<Waiting> waiting = new ArrayList<>();
            for (JsonNode w : json(r[3])) {
                waiting.add(new Waiting(new QueuedItem(w.get(0).asText(), w.get(1).asText(), w.get(2).asInt(),
                        w.get(3).asLong(), Set.copyOf(Sql.split(text(w.get(4)))),
                        Set.copyOf(Sql.split(text(w.get(5)))), text(w.get(6))),
                        w.get(7).isNull() ? null : w.get(7).asInt()));
            }
            List<Route> routes = new ArrayList<>();
            for (JsonNode c : json(r[4])) {
                routes.add(new Route(c.get(0).asText(), Set.copyOf(Sql.split(text(c.get(1)))),
                        Set.copyOf(Sql.split(text(c.get(2)))), text(c.get(3)),
                        "BUSINESS_HOURS".equals(text(c.get(4)))
                                ? hours(text(c.get(5)), text(c.get(6)), text(c.get(7))) : null));
            }
            return new PortalState(settings, agents, waiting, routes,
                    r[5] == null ? null : ((Number) r[5]).doubleValue());
        });
    }

    /** A JSON array column of {@link #STATE} (SQL null: empty). */
    private static JsonNode json(Object column) {
        try {
            return column == null ? EventJson.mapper().createArrayNode() : EventJson.mapper().readTree(str(column));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the portal's state is not JSON", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A chatflow's latest rules as routing uses them; {@code hours} null = no business hours apply. */
    public record Route(String chatflowId, Set<String> userIds, Set<String> teamIds, String availability,
                        BusinessHours hours) {
    }

    /** Parsed hours by their stored text (a decision reads them every time; they change rarely). */
    private final Map<String, BusinessHours> hoursCache = new ConcurrentHashMap<>();

    private BusinessHours hours(String hoursJson, String holidays, String timeZone) {
        String key = timeZone + "|" + holidays + "|" + hoursJson;
        if (hoursCache.size() > 10_000) {
            hoursCache.clear();
        }
        return hoursCache.computeIfAbsent(key, k -> {
            try {
                List<HoursRange> ranges = hoursJson == null ? List.of()
                        : EventJson.mapper().readValue(hoursJson, new TypeReference<List<HoursRange>>() { });
                return BusinessHours.of(new ChatflowSettings.Availability("BUSINESS_HOURS", ranges,
                        Sql.split(holidays), null, null, null), timeZone);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored business hours are not JSON", e);
            }
        });
    }
}
