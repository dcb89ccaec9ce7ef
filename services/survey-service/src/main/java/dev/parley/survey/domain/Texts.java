package dev.parley.survey.domain;

import java.util.Map;

/** Picks the text of one language: the chatflow's language when the survey has it, else the survey's default. */
public final class Texts {

    private Texts() {
    }

    public static String language(Map<String, String> question, String preferred, String fallback) {
        return preferred != null && question.containsKey(preferred) ? preferred : fallback;
    }

    public static String pick(Map<String, String> byLanguage, String language, String fallback) {
        if (byLanguage == null || byLanguage.isEmpty()) {
            return null;
        }
        String text = byLanguage.get(language);
        return text != null ? text : byLanguage.get(fallback);
    }
}
