package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#CHATFLOWS}: published chatflow versions; compacted, so the latest record per chatflow is its state. */
public sealed interface ChatflowEvent extends ParleyEvent
        permits ChatflowPublished, ChatflowDeleted {

    String chatflowId();

    @Override
    default String key() {
        return chatflowId();
    }

    @Override
    default String topic() {
        return Topics.CHATFLOWS;
    }
}
