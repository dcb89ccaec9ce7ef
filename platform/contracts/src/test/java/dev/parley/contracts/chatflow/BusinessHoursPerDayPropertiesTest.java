package dev.parley.contracts.chatflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link BusinessHours} against an independent per-day reading of the rules, in five zones (Lord Howe's 30-minute
 * DST shift, Kathmandu's +05:45 among them), over a year of instants; and the next opening is open with nothing
 * open before it. (Came from config-service's {@code DomainPropertiesTest} with its former copy of the class.)
 */
class BusinessHoursPerDayPropertiesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"), ZoneId.of("Asia/Kathmandu"));
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<HoursRange> ranges() {
        Arbitrary<String> day = Arbitraries.of(DayOfWeek.class).map(Enum::name);
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> q * 15);
        return Combinators.combine(day, minute, minute).filter((d, s, e) -> !s.equals(e))
                .as((d, s, e) -> new HoursRange(d, hhmm(s), hhmm(e)));
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /** An independent reading of the rules: per local day, with yesterday's overnight spill. */
    private static boolean oracle(List<HoursRange> ranges, LocalDateTime local) {
        int t = local.getHour() * 60 + local.getMinute();
        String today = local.getDayOfWeek().name();
        String yesterday = local.getDayOfWeek().minus(1).name();
        for (HoursRange r : ranges) {
            int s = BusinessHours.minutes(r.start());
            int e = BusinessHours.minutes(r.end());
            boolean overnight = e < s;
            if (r.day().equals(today) && t >= s && (overnight || t < e)) {
                return true;
            }
            if (overnight && r.day().equals(yesterday) && t < e) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 300)
    void isOpenAgreesWithAPerDayReading(@ForAll("rangeLists") List<HoursRange> ranges,
                                        @ForAll @IntRange(min = 0, max = 4) int zone,
                                        @ForAll @LongRange(min = 0, max = 366L * 24 * 60) long minute) {
        ZoneId z = ZONES.get(zone);
        Instant at = BASE.plus(Duration.ofMinutes(minute));
        BusinessHours h = BusinessHours.of(z, ranges, List.of());
        assertThat(h.isOpen(at)).isEqualTo(oracle(ranges, LocalDateTime.ofInstant(at, z)));
    }

    @Property(tries = 100)
    void nextOpeningIsOpenAndNothingBeforeItIs(@ForAll("rangeLists") List<HoursRange> ranges,
                                              @ForAll @IntRange(min = 0, max = 4) int zone,
                                              @ForAll @LongRange(min = 0, max = 366L * 24 * 60) long minute) {
        BusinessHours h = BusinessHours.of(ZONES.get(zone), ranges, List.of());
        Instant at = BASE.plus(Duration.ofMinutes(minute));
        Instant next = h.nextOpening(at);
        assertThat(next).isNotNull();
        assertThat(h.isOpen(next)).isTrue();
        assertThat(next).isAfterOrEqualTo(at).isBefore(at.plus(Duration.ofDays(8)));
        for (Instant t = at; t.isBefore(next); t = t.plusSeconds(60)) {
            assertThat(h.isOpen(t)).as("open at %s before %s", t, next).isFalse();
        }
    }

    @Provide
    Arbitrary<List<HoursRange>> rangeLists() {
        return ranges().list().ofMinSize(1).ofMaxSize(6);
    }
}
