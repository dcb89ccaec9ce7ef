package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Moved to another agent or to a team's queue. */
public record ConversationTransferred(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String chatflowId, String fromAgentId, String toAgentId, String toTeamId,
        String transferredBy) implements RoutingEvent {

    public static ConversationTransferred of(String portalId, String conversationId, String chatflowId,
            String fromAgentId, String toAgentId, String toTeamId, String transferredBy) {
        return new ConversationTransferred(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId,
                fromAgentId, toAgentId, toTeamId, transferredBy);
    }
}
