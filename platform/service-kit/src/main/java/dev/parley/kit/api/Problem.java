package dev.parley.kit.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. {@code field} names the failing input (a JSON path such as
 * {@code availability.hours[2].end}) when there is one; {@code code} is a stable machine-readable reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, String field) {
        return new Problem("https://parley.dev/problems/" + code, title, status, detail, code, field);
    }
}
