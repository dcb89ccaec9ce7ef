package dev.parley.survey.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A report's days, {@code from} to {@code to} inclusive, as calendar days of the portal's time zone: the instants
 * run from the first day's local midnight to the midnight after the last day, so a 23- or 25-hour day around a DST
 * change is exactly one day.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    public static final int MAX_DAYS = 366;

    public ReportPeriod {
        if (to.isBefore(from)) {
            throw new SurveyViolation("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new SurveyViolation("to", "a report spans at most " + MAX_DAYS + " days");
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }
}
