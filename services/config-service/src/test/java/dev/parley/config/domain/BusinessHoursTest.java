package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    private static BusinessHours hours(ZoneId zone, List<String> holidays, HoursRange... ranges) {
        return BusinessHours.of(zone, List.of(ranges), holidays);
    }

    @Test
    void openInsideARangeInThePortalsTimeZoneOnly() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("MONDAY", "09:00", "17:00"));
        // 2026-11-16 is a Monday.
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T09:00"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T16:59"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T17:00"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T08:59"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2026-11-17T10:00"))).isFalse();
        // 08:30 UTC is 09:30 in Berlin (CET): open; the New York's noon is Berlin's 18:00.
        assertThat(h.isOpen(Instant.parse("2026-11-16T08:30:00Z"))).isTrue();
        assertThat(h.isOpen(at(NEW_YORK, "2026-11-16T12:00"))).isFalse();
        assertThat(h.isOpen(at(NEW_YORK, "2026-11-16T09:30"))).isTrue();
    }

    @Test
    void severalRangesPerDay() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("MONDAY", "09:00", "12:00"),
                new HoursRange("MONDAY", "13:00", "17:00"));
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T11:59"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T12:30"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T13:00"))).isTrue();
    }

    @Test
    void aRangeEndingBeforeItStartsRunsPastMidnight() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("FRIDAY", "22:00", "02:00"));
        // 2026-11-20 is a Friday.
        assertThat(h.isOpen(at(BERLIN, "2026-11-20T21:59"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2026-11-20T23:30"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-21T01:59"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-21T02:00"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2026-11-20T01:00"))).isFalse();
    }

    @Test
    void sundayNightRunsIntoMonday() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("SUNDAY", "23:00", "01:00"));
        assertThat(h.isOpen(at(BERLIN, "2026-11-22T23:30"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-23T00:30"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-23T01:00"))).isFalse();
    }

    @Test
    void endOfDayAs2400() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("MONDAY", "20:00", "24:00"));
        assertThat(h.isOpen(at(BERLIN, "2026-11-16T23:59"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-11-17T00:00"))).isFalse();
    }

    @Test
    void holidaysCloseTheirWholeLocalDayIncludingOvernightSpill() {
        BusinessHours h = hours(BERLIN, List.of("2026-12-25"), new HoursRange("THURSDAY", "09:00", "17:00"),
                new HoursRange("THURSDAY", "22:00", "02:00"), new HoursRange("FRIDAY", "09:00", "17:00"));
        // 2026-12-24 is a Thursday, the 25th a Friday.
        assertThat(h.isOpen(at(BERLIN, "2026-12-24T10:00"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-12-24T23:00"))).isTrue();
        assertThat(h.isOpen(at(BERLIN, "2026-12-25T01:00"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2026-12-25T10:00"))).isFalse();
        assertThat(h.isOpen(at(BERLIN, "2027-01-01T10:00"))).isTrue();
    }

    @Test
    void wallClockHoursSurviveDaylightSavingChanges() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("SUNDAY", "01:00", "04:00"),
                new HoursRange("MONDAY", "09:00", "17:00"));
        // Spring forward: 2026-03-29 02:00 -> 03:00 in Berlin. 09:00 local is 07:00 UTC after, 08:00 UTC before.
        assertThat(h.isOpen(Instant.parse("2026-03-30T07:00:00Z"))).isTrue();
        assertThat(h.isOpen(Instant.parse("2026-03-23T07:00:00Z"))).isFalse();
        assertThat(h.isOpen(Instant.parse("2026-03-23T08:00:00Z"))).isTrue();
        // On the spring-forward day the range 01:00-04:00 lasts two real hours.
        assertThat(h.isOpen(Instant.parse("2026-03-29T00:30:00Z"))).isTrue();
        assertThat(h.isOpen(Instant.parse("2026-03-29T01:30:00Z"))).isTrue();
        assertThat(h.isOpen(Instant.parse("2026-03-29T02:00:00Z"))).isFalse();
        // Fall back: 2026-10-25 03:00 -> 02:00; the range lasts four real hours.
        assertThat(h.isOpen(Instant.parse("2026-10-24T23:30:00Z"))).isTrue();
        assertThat(h.isOpen(Instant.parse("2026-10-25T02:30:00Z"))).isTrue();
        assertThat(h.isOpen(Instant.parse("2026-10-25T03:00:00Z"))).isFalse();
    }

    @Test
    void nextOpeningIsTheNextRangeStartSkippingHolidays() {
        BusinessHours h = hours(BERLIN, List.of("2026-11-17"), new HoursRange("TUESDAY", "09:00", "17:00"),
                new HoursRange("WEDNESDAY", "10:00", "12:00"));
        Instant mondayNight = at(BERLIN, "2026-11-16T20:00");
        assertThat(h.nextOpening(mondayNight)).isEqualTo(at(BERLIN, "2026-11-18T10:00"));
        Instant open = at(BERLIN, "2026-11-18T11:00");
        assertThat(h.nextOpening(open)).isEqualTo(open);
        assertThat(h.nextOpening(at(BERLIN, "2026-11-18T12:00"))).isEqualTo(at(BERLIN, "2026-11-24T09:00"));
    }

    @Test
    void nextOpeningAfterAHolidayCanBeMidnightOfAnOvernightRange() {
        BusinessHours h = hours(BERLIN, List.of("2026-11-20"), new HoursRange("FRIDAY", "22:00", "06:00"));
        assertThat(h.nextOpening(at(BERLIN, "2026-11-20T12:00"))).isEqualTo(at(BERLIN, "2026-11-21T00:00"));
    }

    @Test
    void aRangeStartingInsideTheSpringForwardGapOpensWhenTheClockJumps() {
        BusinessHours h = hours(BERLIN, List.of(), new HoursRange("SUNDAY", "02:30", "05:00"));
        // 2026-03-29 02:00 CET becomes 03:00 CEST (01:00 UTC), already inside 02:30-05:00.
        assertThat(h.nextOpening(at(BERLIN, "2026-03-28T12:00"))).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(h.isOpen(Instant.parse("2026-03-29T00:59:00Z"))).isFalse();
        assertThat(ZonedDateTime.of(LocalDateTime.parse("2026-03-29T02:30"), BERLIN).getHour()).isEqualTo(3);
    }

    @Test
    void noRangesNeverOpen() {
        BusinessHours h = hours(NEW_YORK, List.of());
        assertThat(h.isOpen(Instant.now())).isFalse();
        assertThat(h.nextOpening(Instant.now())).isNull();
    }
}
