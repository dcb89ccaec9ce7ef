package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The most open conversations the agent may hold at once. */
public record AgentCapacityChanged(UUID eventId, String portalId, Instant occurredAt, String agentId,
        int capacity) implements PresenceEvent {

    public static AgentCapacityChanged of(String portalId, String agentId, int capacity) {
        return new AgentCapacityChanged(UUID.randomUUID(), portalId, Instant.now(), agentId, capacity);
    }
}
