package dev.parley.contracts.chatflow;

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
 * A chatflow's business hours (FEATURES.md, Availability), shared by every service that evaluates them: open or
 * closed at an instant, and when they open next. Plain Java, no framework.
 *
 * <p>Ranges are in the portal's time zone (the snapshot's {@code timeZone}): a weekday, a start and an end
 * ("HH:mm", the end may be "24:00"); an end before the start runs past midnight into the next day (Friday
 * 22:00–02:00 is open on Saturday until 02:00, Sunday 22:00–02:00 into Monday). Times are wall-clock local times,
 * so a range keeps its local times across DST changes: on the spring-forward day a time inside the gap does not
 * exist (a range starting inside it opens when the gap ends), on the fall-back day the repeated hour counts as open
 * both times. A holiday ({@code YYYY-MM-DD}) closes its whole local calendar day, including the part of an
 * overnight range that spills into it.
 */
public final class BusinessHours {

    public static final int MINUTES_PER_DAY = 24 * 60;
    public static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    /** How far {@link #nextOpening} looks ahead (a year of holidays can close at most a year). */
    private static final int HORIZON_DAYS = 370;

    /** A weekly interval in minutes since Monday 00:00, [start, end). */
    public record Interval(int start, int end) {
        public boolean contains(int minute) {
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

    /** Hours from already validated ranges and holidays (config-service validates them at publish). */
    public static BusinessHours of(ZoneId zone, List<HoursRange> ranges, List<String> holidays) {
        List<Interval> intervals = new ArrayList<>();
        for (HoursRange r : ranges == null ? List.<HoursRange>of() : ranges) {
            intervals.addAll(split(weekly(r)));
        }
        intervals.sort(Comparator.comparingInt(Interval::start));
        Set<LocalDate> days = new TreeSet<>();
        (holidays == null ? List.<String>of() : holidays).forEach(h -> days.add(LocalDate.parse(h)));
        return new BusinessHours(zone, List.copyOf(intervals), Set.copyOf(days));
    }

    /**
     * The hours a chatflow's availability settings define, or null when its mode is not {@code BUSINESS_HOURS}
     * (24/7, or reachable by agents' availability: no hours apply). A missing time zone is UTC.
     */
    public static BusinessHours of(ChatflowSettings.Availability availability, String timeZone) {
        if (availability == null || !"BUSINESS_HOURS".equals(availability.mode())) {
            return null;
        }
        return of(timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone),
                availability.hours(), availability.holidays());
    }

    /** A range on the weekly circle, unsplit: its end may pass the end of the week (Sunday night into Monday). */
    public static Interval weekly(HoursRange r) {
        int dayStart = DayOfWeek.valueOf(r.day()).ordinal() * MINUTES_PER_DAY;
        int start = minutes(r.start());
        int end = minutes(r.end());
        return new Interval(dayStart + start, dayStart + (end > start ? end : end + MINUTES_PER_DAY));
    }

    /** A weekly interval as one or two intervals inside the week. */
    public static List<Interval> split(Interval i) {
        if (i.end() <= MINUTES_PER_WEEK) {
            return List.of(i);
        }
        return List.of(new Interval(i.start(), MINUTES_PER_WEEK), new Interval(0, i.end() - MINUTES_PER_WEEK));
    }

    /** "HH:mm" to minutes of the day; "24:00" is 1440 (only meaningful as an end). */
    public static int minutes(String hhmm) {
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

    private boolean isOpen(LocalDateTime local) {
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        int minute = local.getDayOfWeek().ordinal() * MINUTES_PER_DAY + local.getHour() * 60 + local.getMinute();
        for (Interval i : intervals) {
            if (i.contains(minute)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When the hours open next: {@code at} itself when open, else the first instant after it that is open, or null
     * when there is none within about a year (no ranges, or every day a holiday).
     */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate day = LocalDate.ofInstant(at, zone);
        for (int d = 0; d <= HORIZON_DAYS; d++, day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            // The earliest open candidate of the day: with the clock turned back, a day's instants are not in the
            // order of its local times.
            Instant first = null;
            for (Instant t : candidateInstants(day)) {
                if (t.isAfter(at) && isOpen(t) && (first == null || t.isBefore(first))) {
                    first = t;
                }
            }
            if (first != null) {
                return first;
            }
        }
        return null;
    }

    /**
     * The instants of {@code day} at which the hours may open: each candidate local time ({@link #candidates}) as
     * every instant it happens at, and the moment the clock is turned back, if that day (local times after it come
     * again, and with them hours that had closed).
     */
    private List<Instant> candidateInstants(LocalDate day) {
        List<Instant> instants = new ArrayList<>();
        for (LocalTime candidate : candidates(day)) {
            instants.addAll(instants(LocalDateTime.of(day, candidate)));
        }
        Instant dayStart = instants(day.atStartOfDay()).get(0);
        Instant nextDayStart = instants(day.plusDays(1).atStartOfDay()).get(0);
        var transition = zone.getRules().nextTransition(dayStart.minusNanos(1));
        if (transition != null && transition.isOverlap() && transition.getInstant().isBefore(nextDayStart)) {
            instants.add(transition.getInstant());
        }
        return instants;
    }

    /**
     * The instants a local time happens at: one usually; inside a spring-forward gap, the gap's end (the clock jumps
     * over it); inside an autumn overlap, two (once before the clock is turned back, once after).
     */
    private List<Instant> instants(LocalDateTime local) {
        var transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return List.of(ZonedDateTime.of(local, zone).toInstant());
        }
        if (transition.isGap()) {
            return List.of(transition.getInstant());
        }
        return List.of(local.atOffset(transition.getOffsetBefore()).toInstant(),
                local.atOffset(transition.getOffsetAfter()).toInstant());
    }

    /** Local times of {@code day} where the hours may open: midnight (overnight ranges, a holiday ending) and starts. */
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
