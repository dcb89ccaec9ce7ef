package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent holds the conversation. {@code forced}: an admin assigned it past capacity; {@code assignedBy} is
 * null when routing chose the agent.
 */
public record ConversationAssigned(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String chatflowId, String agentId, String agentDisplayName, String agentAvatarUrl, boolean forced,
        String assignedBy) implements RoutingEvent {

    public static ConversationAssigned of(String portalId, String conversationId, String chatflowId, String agentId,
            String agentDisplayName, String agentAvatarUrl, boolean forced, String assignedBy) {
        return new ConversationAssigned(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId, agentId,
                agentDisplayName, agentAvatarUrl, forced, assignedBy);
    }
}
