package dev.parley.conversation.messaging;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.ConversationUnassigned;
import dev.parley.conversation.service.ConversationRepository;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The durable side of routing decisions: who holds each conversation (for the inbox API and agents' views). One
 * consumer group shared by all instances, idempotent through the kit's processed-event log; poison → .dlq.
 */
@ApplicationScoped
public class RoutingState {

    private final ProcessedEvents processed;
    private final ConversationRepository repo;
    private final SystemEntries entries;

    public RoutingState(ProcessedEvents processed, ConversationRepository repo, SystemEntries entries) {
        this.processed = processed;
        this.repo = repo;
        this.entries = entries;
    }

    /** The assignee and status, then (after that commit, stored once per event) the thread's system entry. */
    @Incoming("routing")
    public Uni<Void> consume(String json) {
        return json == null ? Uni.createFrom().voidItem()
                : processed.consume("routing-state", json, this::apply, entries::record);
    }

    private Uni<Void> apply(ParleyEvent event) {
        String sql = "update conversation set assigned_agent_id = ?2, status = case when status = 'CLOSED'"
                + " then status else ?3 end, updated_at = now() where id = ?1 and portal_id = ?4";
        if (event instanceof ConversationAssigned a) {
            return repo.update(sql, a.conversationId(), a.agentId(), "ASSIGNED", a.portalId()).replaceWithVoid();
        }
        if (event instanceof ConversationTransferred t && t.toAgentId() != null) {
            return repo.update(sql, t.conversationId(), t.toAgentId(), "ASSIGNED", t.portalId()).replaceWithVoid();
        }
        if (event instanceof ConversationUnassigned u) {
            return repo.update(sql, u.conversationId(), null, "QUEUED", u.portalId()).replaceWithVoid();
        }
        if (event instanceof ConversationQueued q) {
            return repo.update(sql, q.conversationId(), null, "QUEUED", q.portalId()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
