package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#AVAILABILITY}: whether a chatflow can reach an agent; compacted to the latest state. */
public sealed interface AvailabilityEvent extends ParleyEvent
        permits AvailabilityChanged {

    String chatflowId();

    @Override
    default String key() {
        return chatflowId();
    }

    @Override
    default String topic() {
        return Topics.AVAILABILITY;
    }
}
