package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** {@code closedBy}: AGENT, VISITOR, INACTIVITY or SYSTEM; {@code closedById} is null for the last two. */
public record ConversationClosed(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String chatflowId, String closedBy, String closedById, String assignedAgentId) implements ConversationEvent {

    public static ConversationClosed of(String portalId, String conversationId, String chatflowId, String closedBy,
            String closedById, String assignedAgentId) {
        return new ConversationClosed(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId, closedBy,
                closedById, assignedAgentId);
    }
}
