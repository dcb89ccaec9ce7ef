package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/** Satisfaction surveys, key conversationId. */
public sealed interface SurveyEvent extends ParleyEvent
        permits SurveyInvited, SurveyAnswered {

    @Override
    default String topic() {
        return Topics.SURVEYS;
    }
}
