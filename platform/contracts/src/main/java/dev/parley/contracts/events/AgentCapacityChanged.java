package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The maximum number of concurrent open conversations changed. */
public record AgentCapacityChanged(
        UUID eventId,
        String portalId,
        Instant occurredAt,
        String agentId,
        int capacity) implements PresenceEvent {

    public static AgentCapacityChanged of(String portalId, String agentId, int capacity) {
        return new AgentCapacityChanged(UUID.randomUUID(), portalId, Instant.now(), agentId, capacity);
    }

    @Override
    public String key() {
        return agentId;
    }
}
