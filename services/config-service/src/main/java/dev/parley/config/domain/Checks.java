package dev.parley.config.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Small assertions that throw {@link SettingsViolation} naming the field. */
final class Checks {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Checks() {
    }

    static SettingsViolation fail(String field, String detail) {
        return new SettingsViolation(field, detail);
    }

    static void require(boolean ok, String field, String detail) {
        if (!ok) {
            throw fail(field, detail);
        }
    }

    static void notBlank(String value, String field) {
        require(value != null && !value.isBlank(), field, "must not be blank");
    }

    static void maxLength(String value, int max, String field) {
        require(value == null || value.length() <= max, field, "must be at most " + max + " characters");
    }

    static <E extends Enum<E>> void oneOf(String value, Class<E> values, String field) {
        require(value != null, field, "must be one of " + names(values));
        try {
            Enum.valueOf(values, value);
        } catch (IllegalArgumentException e) {
            throw fail(field, "must be one of " + names(values));
        }
    }

    static <E extends Enum<E>> void oneOfOrNull(String value, Class<E> values, String field) {
        if (value != null) {
            oneOf(value, values, field);
        }
    }

    static void maxSize(Collection<?> list, int max, String field) {
        require(list == null || list.size() <= max, field, "must have at most " + max + " entries");
    }

    /** Ids of users, teams, inboxes, surveys: opaque, short, distinct. */
    static void ids(List<String> ids, int max, String field) {
        if (ids == null) {
            return;
        }
        maxSize(ids, max, field);
        var seen = new HashSet<String>();
        for (int i = 0; i < ids.size(); i++) {
            id(ids.get(i), field + "[" + i + "]");
            require(seen.add(ids.get(i)), field + "[" + i + "]", "is listed twice");
        }
    }

    static void id(String id, String field) {
        require(id != null && ID.matcher(id).matches(), field, "must be an id of 1-64 letters, digits or ._:-");
    }

    private static <E extends Enum<E>> String names(Class<E> values) {
        return String.join(", ", Arrays.stream(values.getEnumConstants()).map(Enum::name).toList());
    }
}
