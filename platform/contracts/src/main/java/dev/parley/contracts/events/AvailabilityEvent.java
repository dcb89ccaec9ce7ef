package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Whether a chatflow can reach an agent, key chatflowId (compacted). */
public sealed interface AvailabilityEvent extends ParleyEvent
        permits AvailabilityChanged {

    @Override
    default String topic() {
        return Topics.AVAILABILITY;
    }
}
