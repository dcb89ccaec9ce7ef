package dev.parley.config.domain;

import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chat business hours in the portal's time zone. Each range is a weekday, a start and an end ("HH:mm", end may be
 * "24:00"); an end before the start runs past midnight into the next day (Friday 22:00–02:00 is open Saturday until
 * 02:00). Time is wall-clock local time, so a range keeps its local times across DST changes: on the spring-forward
 * day 02:00–03:00 simply does not exist, on the fall-back day the repeated hour counts as open twice. A holiday
 * closes its whole local calendar day, including the part of an overnight range that spills into it.
 */
public final class BusinessHours {

    static final int MINUTES_PER_DAY = 24 * 60;
    static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    /** A weekly interval in minutes since Monday 00:00, [start, end), end ≤ MINUTES_PER_WEEK after splitting. */
    record Interval(int start, int end) {
        boolean contains(int minute) {
            return minute >= start && minute < end;
        }
    }

    private final ZoneId zone;
    private final List<Interval> intervals;
    private final Set<LocalDate> holidays;

    private BusinessHours(ZoneId zone, List<Interval> intervals, Set<LocalDate> holidays) {
        this.zone = zone;
        this.intervals = intervals;
        this.holidays = holidays;
    }

    public static BusinessHours of(ZoneId zone, List<HoursRange> ranges, List<String> holidays) {
        List<Interval> intervals = new ArrayList<>();
        for (HoursRange r : ranges == null ? List.<HoursRange>of() : ranges) {
            split(weekly(r), intervals);
        }
        intervals.sort(Comparator.comparingInt(Interval::start));
        Set<LocalDate> days = new TreeSet<>();
        (holidays == null ? List.<String>of() : holidays).forEach(h -> days.add(LocalDate.parse(h)));
        return new BusinessHours(zone, List.copyOf(intervals), Set.copyOf(days));
    }

    /** The range on the weekly circle, unsplit: end may exceed MINUTES_PER_WEEK (Sunday night into Monday). */
    static Interval weekly(HoursRange r) {
        int dayStart = DayOfWeek.valueOf(r.day()).ordinal() * MINUTES_PER_DAY;
        int start = minutes(r.start());
        int end = minutes(r.end());
        return new Interval(dayStart + start, dayStart + (end > start ? end : end + MINUTES_PER_DAY));
    }

    static void split(Interval i, List<Interval> into) {
        if (i.end() <= MINUTES_PER_WEEK) {
            into.add(i);
        } else {
            into.add(new Interval(i.start(), MINUTES_PER_WEEK));
            into.add(new Interval(0, i.end() - MINUTES_PER_WEEK));
        }
    }

    /** "HH:mm" to minutes of the day; "24:00" is 1440 (only meaningful as an end). */
    static int minutes(String hhmm) {
        if ("24:00".equals(hhmm)) {
            return MINUTES_PER_DAY;
        }
        LocalTime t = LocalTime.parse(hhmm);
        return t.getHour() * 60 + t.getMinute();
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant at) {
        return isOpen(LocalDateTime.ofInstant(at, zone));
    }

    boolean isOpen(LocalDateTime local) {
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        int minute = (local.getDayOfWeek().ordinal()) * MINUTES_PER_DAY + local.getHour() * 60 + local.getMinute();
        for (Interval i : intervals) {
            if (i.contains(minute)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When chat opens next (for "show the return time"): {@code at} itself when open, else the first instant after
     * it that is open, or null when there is none within a year (no ranges, or every day a holiday).
     */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate day = LocalDate.ofInstant(at, zone);
        for (int d = 0; d <= 370; d++, day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (LocalTime candidate : candidates(day)) {
                Instant t = instant(LocalDateTime.of(day, candidate));
                if (t.isAfter(at) && isOpen(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A local time inside a spring-forward gap opens when the gap ends (the clock jumps into the range). */
    private Instant instant(LocalDateTime local) {
        var transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** Local times of {@code day} where chat may open: midnight (overnight ranges, holidays ending) and starts. */
    private List<LocalTime> candidates(LocalDate day) {
        int dayStart = day.getDayOfWeek().ordinal() * MINUTES_PER_DAY;
        List<LocalTime> times = new ArrayList<>();
        times.add(LocalTime.MIDNIGHT);
        for (Interval i : intervals) {
            if (i.start() > dayStart && i.start() < dayStart + MINUTES_PER_DAY) {
                int m = i.start() - dayStart;
                times.add(LocalTime.of(m / 60, m % 60));
            }
        }
        return times;
    }
}
