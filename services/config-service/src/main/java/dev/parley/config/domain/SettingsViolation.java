package dev.parley.config.domain;

/** A setting that cannot be accepted; {@code field} is its JSON path in the request body. */
public class SettingsViolation extends RuntimeException {

    private final String field;

    public SettingsViolation(String field, String detail) {
        super(detail, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
