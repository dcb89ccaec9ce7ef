package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#ROUTING}: routing decisions about a conversation, in the conversation's order. */
public sealed interface RoutingEvent extends ParleyEvent
        permits ConversationQueued, ConversationAssigned, ConversationUnassigned, ConversationTransferred {

    String conversationId();

    @Override
    default String key() {
        return conversationId();
    }

    @Override
    default String topic() {
        return Topics.ROUTING;
    }
}
