package dev.parley.survey.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.contracts.EventJson;
import java.util.Map;
import java.util.TreeMap;

/** Per-language texts to and from the JSON text kept in the survey table. */
public final class TextMaps {

    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {
    };

    private TextMaps() {
    }

    public static String write(Map<String, String> texts) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsString(new TreeMap<>(texts));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("texts cannot be written", e);
        }
    }

    public static Map<String, String> read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored texts are not JSON", e);
        }
    }
}
