package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Agents connecting, leaving, changing status or capacity, key agentId. */
public sealed interface PresenceEvent extends ParleyEvent
        permits AgentConnected, AgentDisconnected, AgentStatusChanged, AgentCapacityChanged {

    @Override
    default String topic() {
        return Topics.PRESENCE;
    }
}
