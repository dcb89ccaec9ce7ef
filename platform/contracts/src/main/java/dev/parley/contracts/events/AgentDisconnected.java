package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** An agent socket closed; routing waits a grace period before it re-routes the agent's conversations. */
public record AgentDisconnected(UUID eventId, String portalId, Instant occurredAt, String agentId, String instanceId,
        String connectionId) implements PresenceEvent {

    public static AgentDisconnected of(String portalId, String agentId, String instanceId, String connectionId) {
        return new AgentDisconnected(UUID.randomUUID(), portalId, Instant.now(), agentId, instanceId, connectionId);
    }
}
