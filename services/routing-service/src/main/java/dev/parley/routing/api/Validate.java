package dev.parley.routing.api;

import dev.parley.kit.api.ProblemException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Input checks that name the failing field (problem+json 400), before anything changes. */
final class Validate {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private Validate() {
    }

    static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ProblemException.badRequest(field, field + " must be 1-64 letters, digits or . _ : @ -");
        }
        return value;
    }

    static List<String> ids(String field, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > 200) {
            throw ProblemException.badRequest(field, field + " holds at most 200 ids");
        }
        values.forEach(v -> id(field, v));
        return values.stream().distinct().toList();
    }

    static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.badRequest(field, field + " is required");
            }
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(c -> c < 0x20)) {
            throw ProblemException.badRequest(field, field + " must be at most " + max
                    + " characters without control characters");
        }
        return value.strip();
    }

    static String url(String field, String value) {
        String text = text(field, value, 1000, false);
        if (text == null) {
            return null;
        }
        try {
            String scheme = URI.create(text).getScheme();
            if ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) {
                return text;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ProblemException.badRequest(field, field + " must be an http(s) URL");
    }

    static Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw ProblemException.badRequest(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    static <T> T body(T body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON body is required");
        }
        return body;
    }
}
