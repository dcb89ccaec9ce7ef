package dev.parley.survey.domain;

import static dev.parley.survey.domain.DstFixture.AGENT_A;
import static dev.parley.survey.domain.DstFixture.AGENT_B;
import static dev.parley.survey.domain.DstFixture.BERLIN;
import static dev.parley.survey.domain.DstFixture.CHATFLOW_1;
import static dev.parley.survey.domain.DstFixture.CHATFLOW_2;
import static dev.parley.survey.domain.DstFixture.TEAM_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.survey.domain.CsatReport.Figures;
import dev.parley.survey.domain.CsatReport.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The hand-computed figures of {@link DstFixture} (8 closes in the period: #1-#8). */
class CsatReportTest {

    private static final ReportPeriod PERIOD = new ReportPeriod(DstFixture.FROM, DstFixture.TO, BERLIN);

    static List<Observation> inPeriod() {
        return DstFixture.CLOSES.stream().filter(c -> PERIOD.contains(c.closedAt()))
                .map(DstFixture.Close::observation).toList();
    }

    @Test
    void thePeriodRunsFromLocalMidnightToLocalMidnightAcrossTheShortDay() {
        assertThat(PERIOD.start()).isEqualTo(Instant.parse("2026-03-27T23:00:00Z"));
        assertThat(PERIOD.end()).isEqualTo(Instant.parse("2026-03-30T22:00:00Z"));
        assertThat(Duration.between(PERIOD.start(), PERIOD.end())).isEqualTo(Duration.ofHours(71));
        assertThat(DstFixture.CLOSES.stream().filter(c -> PERIOD.contains(c.closedAt())).map(DstFixture.Close::n))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        var autumn = new ReportPeriod(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-10-25"), BERLIN);
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void totalsAndDistribution() {
        var report = CsatReport.compute(inPeriod(), BERLIN);

        // answered #1 #2 #3 #5 #6 #7; satisfied #1 (5) #3 (4) #5 (top face)
        assertThat(report.total()).isEqualTo(new Figures("total", 8, 6, 3, 50.0, 75.0));
        assertThat(report.distribution()).isEqualTo(Map.of(
                "FIVE_POINT", Map.of(1, 0L, 2, 1L, 3, 1L, 4, 1L, 5, 1L),
                "EMOJI_3", Map.of(1, 1L, 2, 0L, 3, 1L)));
    }

    @Test
    void perAgentChatflowAndTeam() {
        var report = CsatReport.compute(inPeriod(), BERLIN);

        assertThat(report.byAgent()).containsExactly(
                new Figures(AGENT_A, 4, 4, 2, 50.0, 100.0),      // #1 #2 #3 #7
                new Figures(AGENT_B, 4, 3, 2, 66.7, 75.0),       // #3 #4 #5 #6
                new Figures(CsatReport.UNKNOWN, 1, 0, 0, null, 0.0)); // #8
        assertThat(report.byChatflow()).containsExactly(
                new Figures(CHATFLOW_1, 5, 4, 2, 50.0, 80.0),    // #1 #2 #3 #7 #8
                new Figures(CHATFLOW_2, 3, 2, 1, 50.0, 66.7));   // #4 #5 #6
        assertThat(report.byTeam()).containsExactly(
                new Figures(TEAM_1, 5, 4, 2, 50.0, 80.0),
                new Figures(CsatReport.UNKNOWN, 3, 2, 1, 50.0, 66.7));
    }

    @Test
    void perLocalDayAndIsoWeek() {
        var report = CsatReport.compute(inPeriod(), BERLIN);

        assertThat(report.byDay()).containsExactly(
                new Figures("2026-03-28", 2, 2, 1, 50.0, 100.0), // #1 #2
                new Figures("2026-03-29", 4, 3, 2, 66.7, 75.0),  // #3 #4 #5 #6 (a 23-hour day)
                new Figures("2026-03-30", 2, 1, 0, 0.0, 50.0));  // #7 #8
        assertThat(report.byWeek()).containsExactly(
                new Figures("2026-W13", 6, 5, 3, 60.0, 83.3),
                new Figures("2026-W14", 2, 1, 0, 0.0, 50.0));
    }

    @Test
    void theSameClosesInUtcFallOnOtherDays() {
        var report = CsatReport.compute(inPeriod(), ZoneId.of("UTC"));

        assertThat(report.byDay()).extracting(Figures::key, Figures::invited).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-03-27", 1L),
                org.assertj.core.groups.Tuple.tuple("2026-03-28", 2L),
                org.assertj.core.groups.Tuple.tuple("2026-03-29", 4L),
                org.assertj.core.groups.Tuple.tuple("2026-03-30", 1L));
        assertThat(report.byWeek()).extracting(Figures::key).containsExactly("2026-W13", "2026-W14");
        assertThat(report.byWeek().get(0).invited()).isEqualTo(7);
    }

    @Test
    void weeksUseTheWeekBasedYear() {
        assertThat(CsatReport.week(Instant.parse("2027-01-01T12:00:00Z"), BERLIN)).isEqualTo("2026-W53");
        assertThat(CsatReport.week(Instant.parse("2025-12-29T12:00:00Z"), BERLIN)).isEqualTo("2026-W01");
    }

    @Test
    void nothingToReportGivesZerosAndNoPercentages() {
        var report = CsatReport.compute(List.of(), BERLIN);

        assertThat(report.total()).isEqualTo(new Figures("total", 0, 0, 0, null, null));
        assertThat(report.byDay()).isEmpty();
        assertThat(report.distribution()).isEmpty();
    }

    @Test
    void aPeriodEndsNoEarlierThanItStartsAndSpansAtMostAYear() {
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-01"),
                BERLIN)).isInstanceOf(SurveyViolation.class);
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-02"),
                BERLIN)).isInstanceOf(SurveyViolation.class);
    }

    /**
     * In any zone, day after day: each day starts where the previous one ended and lasts 22 to 26 hours
     * (Antarctica/Troll moves its clocks by two hours; everywhere else it is 23 to 25).
     */
    @Property(tries = 300)
    void reportDaysTileTimeWithoutGapOrOverlap(@ForAll @IntRange(min = 0, max = 3000) int dayOffset,
                                               @ForAll @IntRange(min = 0, max = 599) int zoneIndex) {
        List<String> zones = ZoneId.getAvailableZoneIds().stream().sorted().toList();
        ZoneId zone = ZoneId.of(zones.get(zoneIndex % zones.size()));
        LocalDate day = LocalDate.parse("2024-01-01").plusDays(dayOffset);
        ReportPeriod today = new ReportPeriod(day, day, zone);
        ReportPeriod tomorrow = new ReportPeriod(day.plusDays(1), day.plusDays(1), zone);

        assertThat(tomorrow.start()).isEqualTo(today.end());
        assertThat(Duration.between(today.start(), today.end())).isBetween(Duration.ofHours(22), Duration.ofHours(26));
        assertThat(CsatReport.day(today.start(), zone)).isEqualTo(day);
        assertThat(CsatReport.day(today.end().minusNanos(1), zone)).isEqualTo(day);
    }

    /** Whatever the closes, the breakdowns add up: days and weeks partition the total; no share leaves 0..100. */
    @Property(tries = 200)
    void breakdownsAddUp(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5) Integer> scores,
                         @ForAll @IntRange(min = 0, max = 100_000) int spreadMinutes) {
        List<Observation> observations = new ArrayList<>();
        Instant t = Instant.parse("2026-10-24T20:00:00Z");
        for (int i = 0; i < scores.size(); i++) {
            Integer score = scores.get(i) == 0 ? null : scores.get(i);
            observations.add(new Observation(t.plusSeconds(60L * ((long) i * spreadMinutes % 5000)),
                    Scale.FIVE_POINT, "c" + i % 3, null, List.of("a" + i % 2), score));
        }
        var report = CsatReport.compute(observations, BERLIN);

        assertThat(report.byDay().stream().mapToLong(Figures::invited).sum()).isEqualTo(scores.size());
        assertThat(report.byWeek().stream().mapToLong(Figures::answered).sum()).isEqualTo(report.total().answered());
        assertThat(report.byChatflow().stream().mapToLong(Figures::satisfied).sum())
                .isEqualTo(report.total().satisfied());
        if (report.total().csat() != null) {
            assertThat(report.total().csat()).isBetween(0.0, 100.0);
        }
    }
}
