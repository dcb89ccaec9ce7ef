package dev.parley.survey.domain;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a {@link SurveyDefinition}; the first problem is thrown as a {@link SurveyViolation} naming the field.
 * Text is stored as given and only ever travels as JSON data, so markup in it stays inert; what PostgreSQL cannot
 * store (NUL) and invisible control characters are refused instead of silently altered.
 */
public final class SurveyRules {

    public static final Set<String> DELIVERY_METHODS = Set.of("CHAT", "EMAIL", "LINK");
    public static final Set<String> QUESTION_TYPES = Set.of("CSAT");
    public static final int NAME = 200;
    public static final int TEXT = 1000;
    public static final int LANGUAGES = 30;
    public static final int MAX_ANSWERABLE_HOURS = 24 * 30;
    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private SurveyRules() {
    }

    public static void validate(SurveyDefinition d) {
        require(d != null, "body", "a survey is required");
        text(d.name(), NAME, "name", true);
        oneOf(d.deliveryMethod(), DELIVERY_METHODS, "deliveryMethod");
        oneOf(d.questionType(), QUESTION_TYPES, "questionType");
        require(Scale.parse(d.scale()).isPresent(), "scale", "must be one of FIVE_POINT, EMOJI_3");
        require(d.defaultLanguage() != null && LANGUAGE.matcher(d.defaultLanguage()).matches(), "defaultLanguage",
                "must be a language tag such as en or pt-BR");
        texts(d.question(), "question", true);
        require(d.question().containsKey(d.defaultLanguage()), "question." + d.defaultLanguage(),
                "the question needs a text in the default language");
        texts(d.followUpLow(), "followUpLow", false);
        texts(d.followUpHigh(), "followUpHigh", false);
        texts(d.thankYou(), "thankYou", false);
        require(d.answerableHours() != null && d.answerableHours() >= 1
                && d.answerableHours() <= MAX_ANSWERABLE_HOURS, "answerableHours",
                "must be 1.." + MAX_ANSWERABLE_HOURS + " hours");
    }

    private static void texts(Map<String, String> byLanguage, String field, boolean required) {
        if (byLanguage == null || byLanguage.isEmpty()) {
            require(!required, field, "needs a text in at least one language");
            return;
        }
        require(byLanguage.size() <= LANGUAGES, field, "at most " + LANGUAGES + " languages");
        for (Map.Entry<String, String> e : byLanguage.entrySet()) {
            require(e.getKey() != null && LANGUAGE.matcher(e.getKey()).matches(), field,
                    "keys must be language tags such as en or pt-BR");
            text(e.getValue(), TEXT, field + "." + e.getKey(), true);
        }
    }

    private static void text(String value, int max, String field, boolean required) {
        if (value == null || value.isBlank()) {
            require(!required, field, "must not be blank");
            return;
        }
        require(value.length() <= max, field, "at most " + max + " characters");
        require(!CONTROL.matcher(value).find(), field, "must not contain control characters");
    }

    private static void oneOf(String value, Set<String> allowed, String field) {
        require(value != null && allowed.contains(value), field,
                "must be one of " + allowed.stream().sorted().toList());
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new SurveyViolation(field, message);
        }
    }
}
