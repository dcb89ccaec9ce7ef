package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Closed by an agent, the visitor, inactivity or the system. */
public record ConversationClosed(
        UUID eventId,
        String portalId,
        Instant occurredAt,
        String conversationId,
        String chatflowId,
        String closedBy,
        String closedById,
        String assignedAgentId) implements ConversationEvent {

    public static ConversationClosed of(String portalId, String conversationId, String chatflowId, String closedBy, String closedById, String assignedAgentId) {
        return new ConversationClosed(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId, closedBy, closedById, assignedAgentId);
    }

    @Override
    public String key() {
        return conversationId;
    }
}
