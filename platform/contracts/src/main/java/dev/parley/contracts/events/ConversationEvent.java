package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#CONVERSATIONS}: the life of a conversation; one key per conversation keeps it in order. */
public sealed interface ConversationEvent extends ParleyEvent
        permits ConversationStarted, MessagePosted, VisitorIdentified, EmailCaptured, ConsentSubmitted,
                SurveyAnswerSubmitted, ConversationClosed, ConversationReopened {

    String conversationId();

    @Override
    default String key() {
        return conversationId();
    }

    @Override
    default String topic() {
        return Topics.CONVERSATIONS;
    }
}
