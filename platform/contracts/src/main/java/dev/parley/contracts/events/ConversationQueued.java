package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Nobody eligible is free: the conversation waits at {@code position} (1 = next); the wait estimate may be null. */
public record ConversationQueued(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String chatflowId, int position, Long estimatedWaitSeconds) implements RoutingEvent {

    public static ConversationQueued of(String portalId, String conversationId, String chatflowId, int position,
            Long estimatedWaitSeconds) {
        return new ConversationQueued(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId, position,
                estimatedWaitSeconds);
    }
}
