package dev.parley.routing.store;

import static dev.parley.kit.sql.Sql.bool;
import static dev.parley.kit.sql.Sql.integer;
import static dev.parley.kit.sql.Sql.longValue;
import static dev.parley.kit.sql.Sql.str;

import com.fasterxml.jackson.core.type.TypeReference;
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
    /** Milliseconds of grace left (≤ 0: over) of an agent present without a socket, else null; ?2 = grace seconds. */
    private static final String GRACE_LEFT = "case when present and connections = 0 and disconnected_at is not null"
            + " then cast(extract(epoch from disconnected_at + make_interval(secs => ?2) - now()) * 1000 as bigint)"
            + " end";

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

    /** The portal's agents, for the API (without their grace time left). */
    public Uni<Map<String, AgentRow>> agents(String portalId) {
        return agentRows("cast(null as bigint)", portalId);
    }

    /** The portal's agents for a decision: with the grace time left of those present without a socket. */
    public Uni<Map<String, AgentRow>> agents(String portalId, int graceSeconds) {
        return agentRows(GRACE_LEFT, portalId, (double) graceSeconds);
    }

    private Uni<Map<String, AgentRow>> agentRows(String graceLeft, Object... params) {
        return Sql.rows("select " + AGENT_COLUMNS + ", (select string_agg(m.team_id, ',') from team_member m"
                        + " where m.portal_id = a.portal_id and m.agent_id = a.id), " + graceLeft
                        + " from agent a where portal_id = ?1 order by id", params)
                .map(rows -> {
                    Map<String, AgentRow> agents = new LinkedHashMap<>();
                    rows.forEach(r -> agents.put(str(r[0]), agent(r, Set.copyOf(Sql.split(r[11])),
                            r[12] == null ? null : longValue(r[12]))));
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

    public Uni<List<Waiting>> waiting(String portalId) {
        return Sql.rows("select id, chatflow_id, priority, seq, user_ids, team_ids, owner_agent_id, last_position"
                        + " from routed_conversation where portal_id = ?1 and state = 'QUEUED'"
                        + " order by priority desc, seq", portalId)
                .map(rows -> rows.stream().map(r -> new Waiting(new QueuedItem(str(r[0]), str(r[1]), integer(r[2]),
                        longValue(r[3]), Set.copyOf(Sql.split(r[4])), Set.copyOf(Sql.split(r[5])), str(r[6])),
                        r[7] == null ? null : integer(r[7]))).toList());
    }

    /** Mean assigned-to-closed seconds of the portal's last 50 handled conversations; null without history. */
    public Uni<Double> meanHandlingSeconds(String portalId) {
        return Sql.rows("select avg(extract(epoch from closed_at - assigned_at)), count(*) from ("
                        + " select closed_at, assigned_at from routed_conversation where portal_id = ?1"
                        + " and state = 'CLOSED' and assigned_at is not null order by closed_at desc limit 50) h",
                        portalId)
                .map(rows -> rows.get(0)[0] == null ? null : ((Number) rows.get(0)[0]).doubleValue());
    }

    /**
     * Every chatflow of the portal (latest version): its rules, the availability last published for it and its
     * business hours (null unless its availability mode is BUSINESS_HOURS).
     */
    public Uni<List<Route>> routes(String portalId) {
        return Sql.rows("select chatflow_id, user_ids, team_ids, availability, availability_mode, hours, holidays,"
                        + " time_zone from chatflow_route where portal_id = ?1", portalId)
                .map(rows -> rows.stream().map(r -> new Route(str(r[0]), Set.copyOf(Sql.split(r[1])),
                        Set.copyOf(Sql.split(r[2])), str(r[3]), "BUSINESS_HOURS".equals(r[4])
                        ? hours(str(r[5]), str(r[6]), str(r[7])) : null)).toList());
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
