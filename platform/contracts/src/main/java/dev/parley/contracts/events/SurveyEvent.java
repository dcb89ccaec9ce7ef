package dev.parley.contracts.events;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;

/**
 * {@link Topics#SURVEYS}: satisfaction surveys, in the conversation's order ({@link SurveyDefined}, which concerns no
 * conversation, is keyed by its survey instead).
 */
public sealed interface SurveyEvent extends ParleyEvent
        permits SurveyInvited, SurveyAnswered, SurveyDefined {

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
