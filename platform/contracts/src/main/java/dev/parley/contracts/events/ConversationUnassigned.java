package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The conversation lost its agent (away, disconnected, released). */
public record ConversationUnassigned(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String chatflowId, String previousAgentId, String reason) implements RoutingEvent {

    public static ConversationUnassigned of(String portalId, String conversationId, String chatflowId,
            String previousAgentId, String reason) {
        return new ConversationUnassigned(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId,
                previousAgentId, reason);
    }
}
