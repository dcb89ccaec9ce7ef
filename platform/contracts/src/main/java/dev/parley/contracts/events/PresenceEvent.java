package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#PRESENCE}: agents connecting, leaving and changing status or capacity, in each agent's order. */
public sealed interface PresenceEvent extends ParleyEvent
        permits AgentConnected, AgentDisconnected, AgentStatusChanged, AgentCapacityChanged {

    String agentId();

    @Override
    default String key() {
        return agentId();
    }

    @Override
    default String topic() {
        return Topics.PRESENCE;
    }
}
