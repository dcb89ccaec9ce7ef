package dev.parley.survey.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyRulesTest {

    static SurveyDefinition valid() {
        return new SurveyDefinition("After chat", "CHAT", "CSAT", "FIVE_POINT", "en",
                Map.of("en", "How did we do?", "de", "Wie war es?"), Map.of("en", "What went wrong?"), null,
                Map.of("en", "Thanks!"), 168, true);
    }

    @Test
    void aCompleteDefinitionPasses() {
        assertThatCode(() -> SurveyRules.validate(valid())).doesNotThrowAnyException();
        assertThatCode(() -> SurveyRules.validate(with(d -> new SurveyDefinition(d.name(), "EMAIL", "CSAT",
                "EMOJI_3", "pt-BR", Map.of("pt-BR", "Como foi?"), null, null, null, 1, null))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "name, ''", "deliveryMethod, FAX", "questionType, NPS", "scale, TEN_POINT", "defaultLanguage, english",
        "answerableHours, 0", "answerableHours, 721"})
    void eachBadFieldIsNamed(String field, String value) {
        SurveyDefinition d = valid();
        SurveyDefinition bad = switch (field) {
            case "name" -> new SurveyDefinition(value, d.deliveryMethod(), d.questionType(), d.scale(),
                    d.defaultLanguage(), d.question(), null, null, null, 168, false);
            case "deliveryMethod" -> new SurveyDefinition(d.name(), value, d.questionType(), d.scale(),
                    d.defaultLanguage(), d.question(), null, null, null, 168, false);
            case "questionType" -> new SurveyDefinition(d.name(), d.deliveryMethod(), value, d.scale(),
                    d.defaultLanguage(), d.question(), null, null, null, 168, false);
            case "scale" -> new SurveyDefinition(d.name(), d.deliveryMethod(), d.questionType(), value,
                    d.defaultLanguage(), d.question(), null, null, null, 168, false);
            case "defaultLanguage" -> new SurveyDefinition(d.name(), d.deliveryMethod(), d.questionType(),
                    d.scale(), value, d.question(), null, null, null, 168, false);
            default -> new SurveyDefinition(d.name(), d.deliveryMethod(), d.questionType(), d.scale(),
                    d.defaultLanguage(), d.question(), null, null, null, Integer.parseInt(value), false);
        };
        assertViolation(bad, field);
    }

    @Test
    void textsAreCheckedPerLanguage() {
        assertViolation(with(d -> copy(d, Map.of("de", "Wie war es?"), null)), "question.en");
        assertViolation(with(d -> copy(d, Map.of(), null)), "question");
        assertViolation(with(d -> copy(d, Map.of("en", "x".repeat(1001)), null)), "question.en");
        assertViolation(with(d -> copy(d, Map.of("en", "nul\u0000"), null)), "question.en");
        assertViolation(with(d -> copy(d, Map.of("en", "ok", "EN!", "x"), null)), "question");
        assertViolation(with(d -> copy(d, d.question(), Map.of("en", " "))), "followUpLow.en");
        Map<String, String> many = new HashMap<>(Map.of("en", "ok"));
        for (int i = 0; i < 30; i++) {
            many.put("x" + (char) ('a' + i / 26) + (char) ('a' + i % 26), "t");
        }
        assertViolation(with(d -> copy(d, many, null)), "question");
    }

    @Test
    void markupIsTextNotAnError() {
        assertThatCode(() -> SurveyRules.validate(with(d -> copy(d,
                Map.of("en", "<img src=x onerror=alert(1)> How did we do? '; drop table survey; --"), null))))
                .doesNotThrowAnyException();
    }

    private static SurveyDefinition copy(SurveyDefinition d, Map<String, String> question, Map<String, String> low) {
        return new SurveyDefinition(d.name(), d.deliveryMethod(), d.questionType(), d.scale(), d.defaultLanguage(),
                question, low, d.followUpHigh(), d.thankYou(), d.answerableHours(), d.reinviteOnReclose());
    }

    private static SurveyDefinition with(UnaryOperator<SurveyDefinition> change) {
        return change.apply(valid());
    }

    private static void assertViolation(SurveyDefinition d, String field) {
        assertThatThrownBy(() -> SurveyRules.validate(d)).isInstanceOf(SurveyViolation.class)
                .extracting(e -> ((SurveyViolation) e).field()).isEqualTo(field);
    }
}
