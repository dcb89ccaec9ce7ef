package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** The life of a conversation, key conversationId. */
public sealed interface ConversationEvent extends ParleyEvent
        permits ConversationStarted, MessagePosted, VisitorIdentified, EmailCaptured, ConsentSubmitted, SurveyAnswerSubmitted, ConversationClosed, ConversationReopened {

    @Override
    default String topic() {
        return Topics.CONVERSATIONS;
    }
}
