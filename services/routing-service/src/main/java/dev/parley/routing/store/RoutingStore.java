package dev.parley.routing.store;

import static dev.parley.kit.sql.Sql.bool;
import static dev.parley.kit.sql.Sql.integer;
import static dev.parley.kit.sql.Sql.longValue;
import static dev.parley.kit.sql.Sql.str;

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

    public Uni<Map<String, AgentRow>> agents(String portalId) {
        return Sql.rows("select " + AGENT_COLUMNS + ", (select string_agg(m.team_id, ',') from team_member m"
                        + " where m.portal_id = a.portal_id and m.agent_id = a.id) from agent a where portal_id = ?1"
                        + " order by id", portalId)
                .map(rows -> {
                    Map<String, AgentRow> agents = new LinkedHashMap<>();
                    rows.forEach(r -> agents.put(str(r[0]), agent(r, Set.copyOf(Sql.split(r[11])))));
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
                            .map(rows -> rows.stream().findFirst().map(r -> agent(r, teams)));
                });
    }

    private static AgentRow agent(Object[] r, Set<String> teams) {
        return new AgentRow(str(r[0]), str(r[1]), str(r[2]), bool(r[3]), integer(r[4]), str(r[5]), integer(r[6]),
                bool(r[7]), integer(r[8]), integer(r[9]), longValue(r[10]), teams);
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

    /** Rules of every chatflow of the portal (latest version) and the availability last published for it. */
    public Uni<List<Object[]>> routes(String portalId) {
        return Sql.rows("select chatflow_id, user_ids, team_ids, availability from chatflow_route"
                + " where portal_id = ?1", portalId);
    }
}
