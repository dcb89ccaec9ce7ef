package dev.parley.config.domain;

import static dev.parley.config.domain.Checks.fail;
import static dev.parley.config.domain.Checks.maxSize;
import static dev.parley.config.domain.Checks.oneOf;
import static dev.parley.config.domain.Checks.oneOfOrNull;
import static dev.parley.config.domain.Checks.require;

import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import dev.parley.contracts.chatflow.ChatflowVocabulary.AvailabilityMode;
import dev.parley.contracts.chatflow.ChatflowVocabulary.TypicalResponseTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Availability settings. Business-hour ranges: {@code HH:mm} start and end ("24:00" allowed as an end); an end
 * before the start runs past midnight into the next day; start equal to end is refused (an empty range — 24 hours
 * is mode ALWAYS); no two ranges may share a minute of the week, counting the overnight part of a range.
 */
final class AvailabilityRules {

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private AvailabilityRules() {
    }

    static void validate(ChatflowSettings.Availability a) {
        if (a == null) {
            return;
        }
        oneOf(a.mode(), AvailabilityMode.class, "settings.availability.mode");
        oneOfOrNull(a.typicalResponseTime(), TypicalResponseTime.class, "settings.availability.typicalResponseTime");
        hours(a.hours());
        require(!"BUSINESS_HOURS".equals(a.mode()) || (a.hours() != null && !a.hours().isEmpty()),
                "settings.availability.hours", "business-hours availability needs at least one range");
        holidays(a.holidays());
        SettingsValidator.awayAndCapacity(a);
    }

    private static void hours(List<HoursRange> hours) {
        if (hours == null) {
            return;
        }
        maxSize(hours, 70, "settings.availability.hours");
        List<List<BusinessHours.Interval>> pieces = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            String field = "settings.availability.hours[" + i + "]";
            range(hours.get(i), field);
            List<BusinessHours.Interval> mine = BusinessHours.split(BusinessHours.weekly(hours.get(i)));
            for (int j = 0; j < pieces.size(); j++) {
                if (overlap(mine, pieces.get(j))) {
                    throw fail(field, "overlaps hours[" + j + "]");
                }
            }
            pieces.add(mine);
        }
    }

    private static void range(HoursRange r, String field) {
        require(r != null, field, "must not be null");
        oneOf(r.day(), DayOfWeek.class, field + ".day");
        require(r.start() != null && TIME.matcher(r.start()).matches(), field + ".start",
                "must be a time HH:mm between 00:00 and 23:59");
        require(r.end() != null && (TIME.matcher(r.end()).matches() || "24:00".equals(r.end())), field + ".end",
                "must be a time HH:mm between 00:00 and 24:00");
        require(BusinessHours.minutes(r.end()) != BusinessHours.minutes(r.start()), field + ".end",
                "must differ from start (an end before the start runs past midnight)");
    }

    private static boolean overlap(List<BusinessHours.Interval> a, List<BusinessHours.Interval> b) {
        for (BusinessHours.Interval x : a) {
            for (BusinessHours.Interval y : b) {
                if (x.start() < y.end() && y.start() < x.end()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void holidays(List<String> holidays) {
        if (holidays == null) {
            return;
        }
        maxSize(holidays, 366, "settings.availability.holidays");
        var seen = new HashSet<LocalDate>();
        for (int i = 0; i < holidays.size(); i++) {
            String field = "settings.availability.holidays[" + i + "]";
            try {
                require(seen.add(LocalDate.parse(String.valueOf(holidays.get(i)))), field, "is listed twice");
            } catch (DateTimeParseException e) {
                throw fail(field, "must be a date YYYY-MM-DD");
            }
        }
    }
}
