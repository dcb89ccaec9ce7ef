package dev.parley.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The next opening the wake-ups are armed at ({@link BusinessHours#nextOpening}, shared in contracts), for any
 * ranges (overnight ones included), holidays, zones with DST and instants around their transitions: the result is
 * open, nothing between the instant and it is open, and null only when nothing opens within the horizon.
 */
class BusinessHoursPropertiesTest {

    /** Zones with DST in both hemispheres, one with a 30-minute shift, one without DST. */
    private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Australia/Sydney",
            "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "UTC");
    /** Instants around 2026's DST changes of those zones, and ordinary days. */
    private static final List<Instant> AROUND = List.of(Instant.parse("2026-03-08T00:00:00Z"),
            Instant.parse("2026-03-28T20:00:00Z"), Instant.parse("2026-04-04T10:00:00Z"),
            Instant.parse("2026-10-03T10:00:00Z"), Instant.parse("2026-10-24T20:00:00Z"),
            Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-06-15T12:00:00Z"));

    @Provide
    Arbitrary<HoursRange> ranges() {
        Arbitrary<String> times = Arbitraries.integers().between(0, 24 * 4 - 1)
                .map(q -> String.format("%02d:%02d", q / 4, (q % 4) * 15));
        return Combinators.combine(Arbitraries.of(DayOfWeek.class).map(DayOfWeek::name), times, times)
                .filter((day, start, end) -> !start.equals(end)).as(HoursRange::new);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.of(AROUND), Arbitraries.integers().between(-3 * 24 * 60, 3 * 24 * 60))
                .as((base, minutes) -> base.plus(minutes, ChronoUnit.MINUTES).plusSeconds(minutes % 60));
    }

    @Property(tries = 400)
    void theNextOpeningIsOpenAndNothingBeforeItIs(@ForAll @Size(max = 5) List<@From("ranges") HoursRange> ranges,
                                                  @ForAll @Size(max = 4) List<@IntRange(min = -3, max = 10) Integer>
                                                          holidayOffsets,
                                                  @ForAll("instants") Instant at,
                                                  @ForAll("zones") String zone) {
        // holidays around the first DST change of the instants
        List<String> holidays = holidayOffsets.stream().distinct()
                .map(d -> LocalDate.of(2026, 3, 8).plusDays(d).toString()).toList();
        BusinessHours hours = BusinessHours.of(ZoneId.of(zone), ranges, holidays);
        Instant next = hours.nextOpening(at);
        if (next == null) {
            // nothing opens: the coming week (any range would recur in it) is closed throughout
            assertClosed(hours, at, at.plus(Duration.ofDays(8)));
            return;
        }
        assertThat(next).isAfterOrEqualTo(at);
        assertThat(hours.isOpen(next)).as("open at the opening %s", next).isTrue();
        assertClosed(hours, at, next);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    /** Closed at {@code from} and at every minute boundary up to {@code until} (ranges are minute-aligned). */
    private static void assertClosed(BusinessHours hours, Instant from, Instant until) {
        if (!from.isBefore(until)) {
            return;
        }
        assertThat(hours.isOpen(from)).as("open at %s", from).isFalse();
        for (Instant t = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES); t.isBefore(until);
             t = t.plus(1, ChronoUnit.MINUTES)) {
            assertThat(hours.isOpen(t)).as("open at %s, before the opening %s", t, until).isFalse();
        }
    }
}
