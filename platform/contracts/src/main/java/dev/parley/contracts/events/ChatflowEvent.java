package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Published chatflow snapshots, key chatflowId (compacted topic). */
public sealed interface ChatflowEvent extends ParleyEvent
        permits ChatflowPublished, ChatflowDeleted {

    @Override
    default String topic() {
        return Topics.CHATFLOWS;
    }
}
