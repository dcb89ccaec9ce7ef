package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** {@link Topics#SURVEYS}: satisfaction surveys, in the conversation's order. */
public sealed interface SurveyEvent extends ParleyEvent
        permits SurveyInvited, SurveyAnswered {

    String conversationId();

    @Override
    default String key() {
        return conversationId();
    }

    @Override
    default String topic() {
        return Topics.SURVEYS;
    }
}
