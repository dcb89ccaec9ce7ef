package dev.parley.survey.api;

import dev.parley.survey.domain.Survey;
import dev.parley.survey.service.TextMaps;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A survey as the admin API shows it. */
public record SurveyView(UUID id, String name, String deliveryMethod, String questionType, String scale,
                         String defaultLanguage, Map<String, String> question, Map<String, String> followUpLow,
                         Map<String, String> followUpHigh, Map<String, String> thankYou, int answerableHours,
                         boolean reinviteOnReclose, boolean archived, int revision, Instant createdAt,
                         Instant updatedAt) {

    public static SurveyView of(Survey s) {
        return new SurveyView(s.id, s.name, s.deliveryMethod, s.questionType, s.scale, s.defaultLanguage,
                TextMaps.read(s.question), TextMaps.read(s.followUpLow), TextMaps.read(s.followUpHigh),
                TextMaps.read(s.thankYou), s.answerableHours, s.reinviteOnReclose, s.archived, s.revision,
                s.createdAt, s.updatedAt);
    }
}
