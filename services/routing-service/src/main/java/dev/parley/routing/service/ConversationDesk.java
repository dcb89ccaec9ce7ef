package dev.parley.routing.service;

import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.store.AgentRow;
import dev.parley.routing.store.RoutingStore;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Agents' and admins' manual decisions: claim from the inbox or queue, assign, transfer to an agent or a team.
 * Capacity applies (the same conditional claim as automatic routing) unless an admin forces it; forcing is
 * recorded on the conversation and in ConversationAssigned.
 */
@ApplicationScoped
public class ConversationDesk {

    /** Who acts: their id and whether they are an admin. */
    public record Actor(String id, boolean admin) {
    }

    /** A routed conversation as the API shows it. */
    public record Row(String id, String chatflowId, String state, String agentId, boolean forced, Integer position) {
    }

    private final RoutingEngine engine;
    private final RoutingStore store;
    private final ConversationRouting conversations;
    private final Outbox outbox;

    public ConversationDesk(RoutingEngine engine, RoutingStore store, ConversationRouting conversations,
                            Outbox outbox) {
        this.engine = engine;
        this.store = store;
        this.conversations = conversations;
        this.outbox = outbox;
    }

    public Uni<Row> find(String portalId, String conversationId) {
        return Sql.rows("select id, chatflow_id, state, agent_id, forced, last_position from routed_conversation"
                        + " where portal_id = ?1 and id = ?2 and chatflow_version > 0", portalId, conversationId)
                .map(rows -> rows.stream().findFirst().map(r -> new Row(Sql.str(r[0]), Sql.str(r[1]),
                                Sql.str(r[2]), Sql.str(r[3]), Sql.bool(r[4]), r[5] == null ? null : Sql.integer(r[5])))
                        .orElseThrow(() -> ProblemException.notFound("conversation " + conversationId)));
    }

    /** Assigns a waiting (queued or inbox) conversation to {@code agentId}; an agent claims with their own id. */
    public Uni<Row> assign(String portalId, String conversationId, String agentId, boolean force, Actor actor) {
        return engine.decide(portalId, portal -> find(portal, conversationId).chain(c -> {
            if (!"QUEUED".equals(c.state()) && !"INBOX".equals(c.state())) {
                throw ProblemException.conflict("not_waiting", "the conversation is " + c.state()
                        + "; transfer it instead");
            }
            return agent(portal, agentId).chain(agent -> engine.assignManually(portal, conversationId,
                    c.chatflowId(), agent, force, actor.id()));
        })).chain(() -> find(portalId, conversationId));
    }

    /** Moves an assigned conversation to another agent (capacity applies unless forced) or to a team's queue. */
    public Uni<Row> transfer(String portalId, String conversationId, String toAgentId, String toTeamId,
                             boolean force, Actor actor) {
        return engine.decide(portalId, portal -> find(portal, conversationId).chain(c -> {
            if (!"ASSIGNED".equals(c.state())) {
                throw ProblemException.conflict("not_assigned", "only an assigned conversation can be transferred");
            }
            if (!actor.admin() && !actor.id().equals(c.agentId())) {
                throw ProblemException.forbidden("agents transfer only their own conversations");
            }
            return toAgentId != null ? toAgent(portal, c, toAgentId, force, actor)
                    : toTeam(portal, c, toTeamId, actor);
        })).chain(() -> find(portalId, conversationId));
    }

    private Uni<Void> toAgent(String portal, Row c, String toAgentId, boolean force, Actor actor) {
        if (toAgentId.equals(c.agentId())) {
            throw ProblemException.badRequest("agentId", "the conversation is already with this agent");
        }
        return agent(portal, toAgentId).chain(target -> conversations.release(portal, c.id(), c.agentId())
                .chain(() -> outbox.stage(ConversationTransferred.of(portal, c.id(), c.chatflowId(), c.agentId(),
                        toAgentId, null, actor.id())))
                .chain(() -> engine.assignManually(portal, c.id(), c.chatflowId(), target, force, actor.id())));
    }

    private Uni<Void> toTeam(String portal, Row c, String teamId, Actor actor) {
        return Sql.rows("select id, 1 from team where portal_id = ?1 and id = ?2", portal, teamId).chain(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.badRequest("teamId", "teamId names a team that does not exist");
            }
            return conversations.release(portal, c.id(), c.agentId())
                    .chain(() -> Sql.update("update routed_conversation set state = 'QUEUED', agent_id = null,"
                            + " assigned_at = null, forced = false, last_position = null, user_ids = '',"
                            + " team_ids = ?3, queued_at = now() where portal_id = ?1 and id = ?2", portal, c.id(),
                            teamId))
                    .chain(() -> outbox.stage(ConversationTransferred.of(portal, c.id(), c.chatflowId(),
                            c.agentId(), null, teamId, actor.id())));
        });
    }

    private Uni<AgentRow> agent(String portal, String agentId) {
        return store.agent(portal, agentId).map(a -> a.orElseThrow(() ->
                ProblemException.badRequest("agentId", "agentId names an agent that does not exist")));
    }
}
