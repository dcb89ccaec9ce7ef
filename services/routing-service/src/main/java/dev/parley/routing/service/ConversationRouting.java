package dev.parley.routing.service;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ConversationUnassigned;
import dev.parley.kit.messaging.Outbox;
import dev.parley.routing.domain.QueueOrder;
import dev.parley.routing.store.RoutingStore;
import dev.parley.routing.store.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/** What conversation-service's events do to routing: start (assign or queue), close (frees capacity), reopen. */
@ApplicationScoped
public class ConversationRouting {

    private static final Logger LOG = Logger.getLogger(ConversationRouting.class);
    private static final ChatflowSettings.Assignment UNKNOWN = new ChatflowSettings.Assignment(false, List.of(),
            List.of());

    private final RoutingEngine engine;
    private final RoutingStore store;
    private final Outbox outbox;

    public ConversationRouting(RoutingEngine engine, RoutingStore store, Outbox outbox) {
        this.engine = engine;
        this.store = store;
        this.outbox = outbox;
    }

    /** Queues the conversation if its chatflow auto-assigns (the drain then assigns it if someone is free). */
    public Uni<Void> started(ConversationStarted e) {
        return assignment(e.portalId(), e.chatflowId(), e.chatflowVersion()).chain(rules ->
                engine.decide(e.portalId(), portal -> store.settings(portal).chain(settings -> Sql.update(
                        "insert into routed_conversation (portal_id, id, chatflow_id, chatflow_version, state,"
                                + " auto_assign, priority, user_ids, team_ids, contact_key, owner_agent_id,"
                                + " started_at, queued_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                + " nullif(?10, ''), (select agent_id from contact_owner where portal_id = ?1"
                                + " and contact_key = nullif(?10, '')), now(), now())"
                                + " on conflict (portal_id, id) do nothing",
                        portal, e.conversationId(), e.chatflowId(), e.chatflowVersion(),
                        rules.enabled() ? "QUEUED" : "INBOX", rules.enabled(),
                        settings.queueOrder() == QueueOrder.PRIORITY && e.contactEmail() != null ? 1 : 0,
                        String.join(",", rules.userIds() == null ? List.of() : rules.userIds()),
                        String.join(",", rules.teamIds() == null ? List.of() : rules.teamIds()),
                        e.contactEmail() == null ? "" : e.contactEmail().toLowerCase(Locale.ROOT))))
                        .replaceWithVoid());
    }

    /** The chatflow version's assignment rules; an unknown chatflow lands in the inbox (nothing auto-assigns). */
    private Uni<ChatflowSettings.Assignment> assignment(String portalId, String chatflowId, int version) {
        return Sql.rows("select cast(snapshot -> 'settings' -> 'assignment' as text), version from chatflow_snapshot"
                        + " where portal_id = ?1 and chatflow_id = ?2 order by (version = ?3) desc, version desc"
                        + " limit 1", portalId, chatflowId, version)
                .map(rows -> {
                    if (rows.isEmpty() || rows.get(0)[0] == null) {
                        LOG.warnf("chatflow %s of portal %s is unknown: the conversation waits in the inbox",
                                chatflowId, portalId);
                        return UNKNOWN;
                    }
                    return parse(Sql.str(rows.get(0)[0]));
                });
    }

    private static ChatflowSettings.Assignment parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ChatflowSettings.Assignment.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("stored assignment rules are not JSON", ex);
        }
    }

    /** Frees the agent's capacity (or leaves the queue); a close seen before its start keeps the start out. */
    public Uni<Void> closed(ConversationClosed e) {
        return engine.decide(e.portalId(), portal -> Sql.rows("select state, agent_id from routed_conversation"
                        + " where portal_id = ?1 and id = ?2", portal, e.conversationId())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Sql.update("insert into routed_conversation (portal_id, id, chatflow_id,"
                                + " chatflow_version, state, auto_assign, started_at, closed_at)"
                                + " values (?1, ?2, ?3, 0, 'CLOSED', false, now(), now())"
                                + " on conflict do nothing", portal, e.conversationId(),
                                String.valueOf(e.chatflowId())).replaceWithVoid();
                    }
                    String state = Sql.str(rows.get(0)[0]);
                    if ("CLOSED".equals(state)) {
                        return Uni.createFrom().voidItem();
                    }
                    return release(portal, e.conversationId(), "ASSIGNED".equals(state) ? Sql.str(rows.get(0)[1])
                            : null).chain(() -> Sql.update("update routed_conversation set state = 'CLOSED',"
                            + " closed_at = now() where portal_id = ?1 and id = ?2", portal, e.conversationId()))
                            .replaceWithVoid();
                }));
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

    /** A reopened conversation is a new arrival: queued again (or back in the inbox). */
    public Uni<Void> reopened(ConversationReopened e) {
        return engine.decide(e.portalId(), portal -> Sql.update("update routed_conversation set"
                + " state = case when auto_assign then 'QUEUED' else 'INBOX' end, agent_id = null,"
                + " assigned_at = null, closed_at = null, forced = false, last_position = null, queued_at = now(),"
                + " seq = nextval('routed_conversation_seq_seq') where portal_id = ?1 and id = ?2"
                + " and state = 'CLOSED' and chatflow_version > 0", portal, e.conversationId()).replaceWithVoid());
    }

    /**
     * Puts every auto-assigned conversation the agent holds back in the queue, ahead of later arrivals (they keep
     * their original seq); conversations claimed from the inbox stay with the agent.
     */
    public Uni<Void> requeueAll(String portalId, String agentId, String reason) {
        return Sql.rows("update routed_conversation set state = 'QUEUED', agent_id = null, assigned_at = null,"
                        + " forced = false, last_position = null, queued_at = now() where portal_id = ?1"
                        + " and agent_id = ?2 and state = 'ASSIGNED' and auto_assign returning id, chatflow_id", portalId, agentId)
                .chain(rows -> Sql.update("update agent set open_count = (select count(*) from routed_conversation c"
                                + " where c.portal_id = ?1 and c.agent_id = ?2 and c.state = 'ASSIGNED'),"
                                + " forced_count = (select count(*) from routed_conversation c where c.portal_id = ?1"
                                + " and c.agent_id = ?2 and c.state = 'ASSIGNED' and c.forced)"
                                + " where portal_id = ?1 and id = ?2", portalId, agentId)
                        .chain(() -> Sql.each(rows, r -> outbox.stage(ConversationUnassigned.of(portalId,
                                Sql.str(r[0]), Sql.str(r[1]), agentId, reason)))));
    }
}
