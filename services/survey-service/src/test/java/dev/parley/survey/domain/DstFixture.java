package dev.parley.survey.domain;

import dev.parley.survey.domain.CsatReport.Observation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Nine closes around the start of summer time in Europe/Berlin (2026-03-29, 02:00 CET -> 03:00 CEST), reported for
 * 2026-03-28..2026-03-30 in Europe/Berlin. Local times and the expected figures are worked out by hand in the
 * comments and in {@link CsatReportTest}; {@code #9} lies after the period's end and must not count.
 */
public final class DstFixture {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final LocalDate FROM = LocalDate.parse("2026-03-28");
    public static final LocalDate TO = LocalDate.parse("2026-03-30");
    public static final String AGENT_A = "agent-a";
    public static final String AGENT_B = "agent-b";
    public static final String CHATFLOW_1 = "chatflow-1";
    public static final String CHATFLOW_2 = "chatflow-2";
    public static final String TEAM_1 = "team-1";

    /** One close; {@code score} null = not answered. */
    public record Close(int n, Instant closedAt, Scale scale, String chatflowId, String teamId, List<String> agents,
                        Integer score) {

        public Observation observation() {
            return new Observation(closedAt, scale, chatflowId, teamId, agents, score);
        }
    }

    public static final List<Close> CLOSES = List.of(
            // 2026-03-28 00:30 CET (in UTC still the 27th)
            new Close(1, Instant.parse("2026-03-27T23:30:00Z"), Scale.FIVE_POINT, CHATFLOW_1, TEAM_1,
                    List.of(AGENT_A), 5),
            // 2026-03-28 23:59 CET
            new Close(2, Instant.parse("2026-03-28T22:59:00Z"), Scale.FIVE_POINT, CHATFLOW_1, TEAM_1,
                    List.of(AGENT_A), 3),
            // 2026-03-29 00:00 CET, transferred from A to B
            new Close(3, Instant.parse("2026-03-28T23:00:00Z"), Scale.FIVE_POINT, CHATFLOW_1, TEAM_1,
                    List.of(AGENT_A, AGENT_B), 4),
            // 2026-03-29 01:59 CET, the last minute before the jump; never answered
            new Close(4, Instant.parse("2026-03-29T00:59:00Z"), Scale.EMOJI_3, CHATFLOW_2, null,
                    List.of(AGENT_B), null),
            // 2026-03-29 03:00 CEST, the first minute after it
            new Close(5, Instant.parse("2026-03-29T01:00:00Z"), Scale.EMOJI_3, CHATFLOW_2, null,
                    List.of(AGENT_B), 3),
            // 2026-03-29 23:59 CEST
            new Close(6, Instant.parse("2026-03-29T21:59:00Z"), Scale.EMOJI_3, CHATFLOW_2, null,
                    List.of(AGENT_B), 1),
            // 2026-03-30 00:00 CEST: a Monday, ISO week 14 (in UTC still Sunday the 29th, week 13)
            new Close(7, Instant.parse("2026-03-29T22:00:00Z"), Scale.FIVE_POINT, CHATFLOW_1, TEAM_1,
                    List.of(AGENT_A), 2),
            // 2026-03-30 12:00 CEST, nobody was assigned; never answered
            new Close(8, Instant.parse("2026-03-30T10:00:00Z"), Scale.FIVE_POINT, CHATFLOW_1, TEAM_1, List.of(),
                    null),
            // 2026-03-31 00:00 CEST: the first instant after the period
            new Close(9, Instant.parse("2026-03-30T22:00:00Z"), Scale.FIVE_POINT, CHATFLOW_1, TEAM_1,
                    List.of(AGENT_A), 5));

    private DstFixture() {
    }
}
