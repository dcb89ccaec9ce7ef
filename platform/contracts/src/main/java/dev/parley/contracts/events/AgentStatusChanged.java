package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** {@code status}: AVAILABLE or AWAY. */
public record AgentStatusChanged(UUID eventId, String portalId, Instant occurredAt, String agentId,
        String status) implements PresenceEvent {

    public static AgentStatusChanged of(String portalId, String agentId, String status) {
        return new AgentStatusChanged(UUID.randomUUID(), portalId, Instant.now(), agentId, status);
    }
}
