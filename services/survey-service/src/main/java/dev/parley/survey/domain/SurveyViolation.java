package dev.parley.survey.domain;

/** A survey definition broke a rule; {@code field} is the JSON path inside the request body. */
public final class SurveyViolation extends RuntimeException {

    private final String field;

    public SurveyViolation(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
