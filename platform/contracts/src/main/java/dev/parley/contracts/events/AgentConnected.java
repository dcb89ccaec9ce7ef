package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** An agent socket authenticated on a conversation-service instance. */
public record AgentConnected(UUID eventId, String portalId, Instant occurredAt, String agentId, String instanceId,
        String connectionId) implements PresenceEvent {

    public static AgentConnected of(String portalId, String agentId, String instanceId, String connectionId) {
        return new AgentConnected(UUID.randomUUID(), portalId, Instant.now(), agentId, instanceId, connectionId);
    }
}
