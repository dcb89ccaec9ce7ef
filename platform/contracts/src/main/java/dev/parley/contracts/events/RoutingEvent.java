package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Routing decisions, key conversationId. */
public sealed interface RoutingEvent extends ParleyEvent
        permits ConversationQueued, ConversationAssigned, ConversationUnassigned, ConversationTransferred {

    @Override
    default String topic() {
        return Topics.ROUTING;
    }
}
