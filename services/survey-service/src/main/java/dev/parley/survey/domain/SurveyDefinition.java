package dev.parley.survey.domain;

import java.util.Map;

/**
 * A survey as an admin defines it. Texts are per language ({@code {"en": "...", "de": "..."}}); {@code question}
 * must have the default language, the follow-ups and the thank-you are optional.
 */
public record SurveyDefinition(String name, String deliveryMethod, String questionType, String scale,
                               String defaultLanguage, Map<String, String> question, Map<String, String> followUpLow,
                               Map<String, String> followUpHigh, Map<String, String> thankYou,
                               Integer answerableHours, Boolean reinviteOnReclose) {
}
