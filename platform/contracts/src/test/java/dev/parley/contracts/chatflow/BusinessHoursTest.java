package dev.parley.contracts.chatflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Open/closed and the next opening: overnight ranges, the week's wrap, holidays, DST days. The Berlin cases came
 * from config-service's former copy of this class (config.domain.BusinessHours), which now uses this one.
 */
class BusinessHoursTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    private static BusinessHours hours(ZoneId zone, List<String> holidays, HoursRange... ranges) {
        return BusinessHours.of(zone, List.of(ranges), holidays);
    }

    @Test
    void opensAtTheNextRangeStartInThePortalsZone() {
        // 2026-11-23 is a Monday
        BusinessHours h = hours(PARIS, List.of(), new HoursRange("MONDAY", "09:00", "17:00"),
                new HoursRange("TUESDAY", "09:00", "17:00"));
        assertThat(h.isOpen(at(PARIS, "2026-11-23T08:59:59"))).isFalse();
        assertThat(h.isOpen(at(PARIS, "2026-11-23T09:00"))).isTrue();
        assertThat(h.nextOpening(at(PARIS, "2026-11-23T07:00"))).isEqualTo(at(PARIS, "2026-11-23T09:00"));
        assertThat(h.nextOpening(at(PARIS, "2026-11-23T17:00"))).isEqualTo(at(PARIS, "2026-11-24T09:00"));
        // after Tuesday: next Monday
        assertThat(h.nextOpening(at(PARIS, "2026-11-24T18:00"))).isEqualTo(at(PARIS, "2026-11-30T09:00"));
        // open now: now
        assertThat(h.nextOpening(at(PARIS, "2026-11-23T10:00"))).isEqualTo(at(PARIS, "2026-11-23T10:00"));
    }

    @Test
    void whenTheClockIsTurnedBackTheRepeatedHourOpensAgain() {
        // Sydney, 2026-04-05 (a Sunday): at 03:00 AEDT (16:00Z) the clock goes back to 02:00 AEST, so 02:00-03:00
        // happens twice, 15:00-16:00Z and 16:00-17:00Z. Found by BusinessHoursPropertiesTest (routing-service).
        ZoneId sydney = ZoneId.of("Australia/Sydney");
        BusinessHours fromQuarterPast = hours(sydney, List.of(), new HoursRange("SUNDAY", "02:15", "00:00"));
        assertThat(fromQuarterPast.isOpen(Instant.parse("2026-04-04T16:00:00Z"))).isFalse(); // 02:00 again
        assertThat(fromQuarterPast.nextOpening(Instant.parse("2026-04-04T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-04T16:15:00Z")); // 02:15 the second time, not next week
        BusinessHours untilHalfPast = hours(sydney, List.of(), new HoursRange("SUNDAY", "01:00", "02:30"));
        assertThat(untilHalfPast.isOpen(Instant.parse("2026-04-04T15:45:00Z"))).isFalse(); // 02:45 AEDT
        assertThat(untilHalfPast.nextOpening(Instant.parse("2026-04-04T15:45:00Z")))
                .isEqualTo(Instant.parse("2026-04-04T16:00:00Z")); // the clock back at 02:00: open again
    }

    @Test
    void aRangeEndingBeforeItsStartRunsPastMidnightAndSundayWrapsIntoMonday() {
        BusinessHours h = hours(PARIS, List.of(), new HoursRange("FRIDAY", "22:00", "02:00"),
                new HoursRange("SUNDAY", "23:00", "01:00"));
        assertThat(h.isOpen(at(PARIS, "2026-11-28T01:59"))).isTrue(); // Saturday morning, Friday's range
        assertThat(h.isOpen(at(PARIS, "2026-11-28T02:00"))).isFalse();
        assertThat(h.isOpen(at(PARIS, "2026-11-30T00:30"))).isTrue(); // Monday, Sunday's range
        assertThat(h.nextOpening(at(PARIS, "2026-11-28T02:00"))).isEqualTo(at(PARIS, "2026-11-29T23:00"));
        assertThat(h.nextOpening(at(PARIS, "2026-11-30T01:00"))).isEqualTo(at(PARIS, "2026-12-04T22:00"));
    }

    @Test
    void aHolidayClosesItsWholeDayIncludingAnOvernightSpillAndOpeningResumesAtMidnightAfter() {
        BusinessHours h = hours(PARIS, List.of("2026-12-25"), new HoursRange("THURSDAY", "20:00", "03:00"),
                new HoursRange("FRIDAY", "09:00", "17:00"));
        // Thursday 24th is open until midnight, Friday 25th is a holiday: the spill and Friday's range are closed
        assertThat(h.isOpen(at(PARIS, "2026-12-24T23:59"))).isTrue();
        assertThat(h.isOpen(at(PARIS, "2026-12-25T00:30"))).isFalse();
        assertThat(h.nextOpening(at(PARIS, "2026-12-25T00:00"))).isEqualTo(at(PARIS, "2026-12-31T20:00"));

        // a holiday on the day an overnight range starts: its spill into the next (working) day opens at midnight
        BusinessHours spill = hours(PARIS, List.of("2026-12-24"), new HoursRange("THURSDAY", "20:00", "03:00"));
        assertThat(spill.nextOpening(at(PARIS, "2026-12-24T12:00"))).isEqualTo(at(PARIS, "2026-12-25T00:00"));
    }

    @Test
    void springForwardARangeStartingInTheGapOpensWhenTheGapEnds() {
        // 2026-03-08: New York jumps from 02:00 to 03:00 (a Sunday)
        BusinessHours h = hours(NEW_YORK, List.of(), new HoursRange("SUNDAY", "02:30", "05:00"));
        assertThat(h.nextOpening(at(NEW_YORK, "2026-03-08T01:00")))
                .isEqualTo(Instant.parse("2026-03-08T07:00:00Z")); // 03:00 EDT
        // a range entirely inside the gap does not exist that day
        BusinessHours gap = hours(NEW_YORK, List.of(), new HoursRange("SUNDAY", "02:00", "02:45"));
        assertThat(gap.nextOpening(at(NEW_YORK, "2026-03-08T01:00"))).isEqualTo(at(NEW_YORK, "2026-03-15T02:00"));
    }

    @Test
    void fallBackKeepsLocalTimesAndTheRepeatedHourIsOpenTwice() {
        // 2026-10-25: Paris goes from 03:00 CEST back to 02:00 CET (a Sunday)
        BusinessHours h = hours(PARIS, List.of(), new HoursRange("SUNDAY", "02:00", "03:00"),
                new HoursRange("MONDAY", "09:00", "17:00"));
        assertThat(h.nextOpening(Instant.parse("2026-10-24T22:00:00Z"))) // Sunday 00:00 CEST
                .isEqualTo(Instant.parse("2026-10-25T00:00:00Z")); // the first 02:00 (CEST)
        assertThat(h.isOpen(Instant.parse("2026-10-25T01:30:00Z"))).isTrue(); // the second 02:30 (CET)
        // after the change Monday 09:00 is 08:00 UTC, not 07:00
        assertThat(h.nextOpening(Instant.parse("2026-10-25T02:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void noRangesOrOnlyHolidaysNeverOpenAndOtherModesHaveNoHours() {
        assertThat(hours(PARIS, List.of()).nextOpening(Instant.parse("2026-11-21T10:00:00Z"))).isNull();
        assertThat(BusinessHours.of(new ChatflowSettings.Availability("ALWAYS", List.of(), List.of(), null, null,
                null), "Europe/Paris")).isNull();
        assertThat(BusinessHours.of(new ChatflowSettings.Availability("USERS", null, null, null, null, null), null))
                .isNull();
        BusinessHours utc = BusinessHours.of(new ChatflowSettings.Availability("BUSINESS_HOURS",
                List.of(new HoursRange("MONDAY", "00:00", "24:00")), null, null, null, null), null);
        assertThat(utc.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(utc.isOpen(Instant.parse("2026-11-23T23:59:00Z"))).isTrue();
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
