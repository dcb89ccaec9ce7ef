package dev.parley.routing.service;

import dev.parley.contracts.events.AgentCapacityChanged;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.store.AgentRow;
import dev.parley.routing.store.RoutingSettings;
import dev.parley.routing.store.RoutingStore;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Agents, teams and settings of a portal. Changes that can free or take capacity run as routing decisions
 * (portal lock, queue re-run, outbox) so that, for example, a capacity rise serves the queue at once.
 */
@ApplicationScoped
public class Directory {

    /** An admin's change to an agent; null keeps the current value. */
    public record AgentChange(String displayName, String avatarUrl, Integer capacity, Boolean paidSeat,
                              List<String> teamIds) {
    }

    private final RoutingEngine engine;
    private final RoutingStore store;
    private final Presence presence;
    private final Outbox outbox;

    public Directory(RoutingEngine engine, RoutingStore store, Presence presence, Outbox outbox) {
        this.engine = engine;
        this.store = store;
        this.presence = presence;
        this.outbox = outbox;
    }

    /** The calling agent registers (first call) or refreshes their display name from the token. */
    public Uni<AgentRow> me(String portalId, String agentId, String displayName) {
        String name = displayName == null || displayName.isBlank() ? agentId : displayName;
        return presence.ensureAgent(portalId, agentId, name)
                .chain(() -> Sql.update("update agent set display_name = ?3 where portal_id = ?1 and id = ?2"
                        + " and display_name <> ?3", portalId, agentId, name))
                .chain(() -> store.agent(portalId, agentId)).map(a -> a.orElseThrow());
    }

    public Uni<AgentRow> upsert(String portalId, String agentId, AgentChange change) {
        return engine.decide(portalId, portal -> checkTeams(portal, change.teamIds())
                .chain(() -> store.settings(portal))
                .chain(s -> Sql.update("insert into agent (portal_id, id, display_name, capacity, status)"
                        + " values (?1, ?2, ?3, ?4, 'AVAILABLE') on conflict do nothing", portal, agentId,
                        change.displayName() == null ? agentId : change.displayName(), s.defaultCapacity()))
                .chain(() -> store.agent(portal, agentId)).map(a -> a.orElseThrow())
                .call(before -> Sql.update("update agent set display_name = coalesce(nullif(?3, ''), display_name),"
                                + " avatar_url = case when ?4 = '-' then avatar_url else nullif(?4, '') end,"
                                + " capacity = ?5, paid_seat = ?6 where portal_id = ?1 and id = ?2", portal, agentId,
                        change.displayName() == null ? "" : change.displayName(),
                        change.avatarUrl() == null ? "-" : change.avatarUrl(),
                        change.capacity() == null ? before.capacity() : change.capacity(),
                        change.paidSeat() == null ? before.paidSeat() : change.paidSeat()))
                .call(before -> change.capacity() == null || change.capacity() == before.capacity()
                        ? Uni.createFrom().voidItem()
                        : outbox.stage(AgentCapacityChanged.of(portal, agentId, change.capacity())))
                .call(before -> replaceTeams(portal, agentId, change.teamIds())))
                .chain(ignored -> store.agent(portalId, agentId)).map(a -> a.orElseThrow());
    }

    private Uni<Void> checkTeams(String portal, List<String> teamIds) {
        if (teamIds == null || teamIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.rows("select id, 1 from team where portal_id = ?1 and id = any(string_to_array(?2, ','))",
                portal, String.join(",", teamIds)).invoke(rows -> {
                    if (rows.size() != teamIds.size()) {
                        throw ProblemException.badRequest("teamIds", "teamIds names a team that does not exist");
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> replaceTeams(String portal, String agentId, List<String> teamIds) {
        if (teamIds == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.update("delete from team_member where portal_id = ?1 and agent_id = ?2", portal, agentId)
                .chain(() -> Sql.each(teamIds, t -> Sql.update("insert into team_member (portal_id, team_id,"
                        + " agent_id) values (?1, ?2, ?3)", portal, t, agentId)));
    }

    public Uni<Void> deleteAgent(String portalId, String agentId) {
        return engine.decide(portalId, portal -> Sql.update("delete from agent where portal_id = ?1 and id = ?2"
                + " and open_count = 0", portal, agentId).chain(deleted -> deleted == 1
                ? Uni.createFrom().voidItem()
                : store.agent(portal, agentId).invoke(a -> {
                    throw a.isPresent() ? ProblemException.conflict("agent_busy",
                            "the agent still holds open conversations; transfer them first")
                            : ProblemException.notFound("agent " + agentId);
                }).replaceWithVoid()));
    }

    public Uni<String> saveTeam(String portalId, String teamId, String name, List<String> memberIds) {
        return engine.decide(portalId, portal -> checkAgents(portal, memberIds)
                .chain(() -> Sql.update("insert into team (portal_id, id, name) values (?1, ?2, ?3)"
                        + " on conflict (portal_id, id) do update set name = excluded.name", portal, teamId, name))
                .chain(() -> memberIds == null ? Uni.createFrom().voidItem()
                        : Sql.update("delete from team_member where portal_id = ?1 and team_id = ?2", portal, teamId)
                        .chain(() -> Sql.each(memberIds, m -> Sql.update("insert into team_member (portal_id,"
                                + " team_id, agent_id) values (?1, ?2, ?3)", portal, teamId, m))))
                .replaceWith(teamId));
    }

    private Uni<Void> checkAgents(String portal, List<String> agentIds) {
        if (agentIds == null || agentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.rows("select id, 1 from agent where portal_id = ?1 and id = any(string_to_array(?2, ','))",
                portal, String.join(",", agentIds)).invoke(rows -> {
                    if (rows.size() != agentIds.size()) {
                        throw ProblemException.badRequest("memberIds", "memberIds names an agent that does not exist");
                    }
                }).replaceWithVoid();
    }

    public Uni<Void> deleteTeam(String portalId, String teamId) {
        return engine.decide(portalId, portal -> Sql.update("delete from team where portal_id = ?1 and id = ?2",
                portal, teamId).invoke(deleted -> {
                    if (deleted == 0) {
                        throw ProblemException.notFound("team " + teamId);
                    }
                }).replaceWithVoid());
    }

    public Uni<List<Object[]>> teams(String portalId) {
        return Sql.rows("select t.id, t.name, coalesce(string_agg(m.agent_id, ',' order by m.agent_id), '')"
                + " from team t left join team_member m on m.portal_id = t.portal_id and m.team_id = t.id"
                + " where t.portal_id = ?1 group by t.id, t.name order by t.name, t.id", portalId);
    }

    public Uni<RoutingSettings> saveSettings(String portalId, RoutingSettings s) {
        return engine.decide(portalId, portal -> Sql.update("insert into routing_settings (portal_id, strategy,"
                        + " fallback_strategy, queue_order, grace_seconds, reroute_on_away, default_capacity)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (portal_id) do update set"
                        + " strategy = excluded.strategy, fallback_strategy = excluded.fallback_strategy,"
                        + " queue_order = excluded.queue_order, grace_seconds = excluded.grace_seconds,"
                        + " reroute_on_away = excluded.reroute_on_away, default_capacity = excluded.default_capacity",
                portal, s.strategy().name(), s.fallbackStrategy().name(), s.queueOrder().name(), s.graceSeconds(),
                s.rerouteOnAway(), s.defaultCapacity()).chain(() -> store.settings(portal)));
    }
}
