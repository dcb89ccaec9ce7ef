package dev.parley.survey.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CSAT figures from invitations and their answers. Every figure is counted by the invitation (= the close of the
 * conversation) and bucketed by the calendar day or ISO week of that moment in the report's time zone. CSAT is the
 * share of satisfied answers among answers, the response rate the share of answered invitations; both in percent with
 * one decimal, null when there is nothing to divide by. An answer handled by several agents counts once for each of
 * them in the per-agent breakdown and once in every other figure.
 */
public final class CsatReport {

    public static final String UNKNOWN = "unknown";

    /** One invitation; {@code score} null when unanswered. */
    public record Observation(Instant invitedAt, Scale scale, String chatflowId, String teamId, List<String> agentIds,
                              Integer score) {
    }

    public record Figures(String key, long invited, long answered, long satisfied, Double csat, Double responseRate) {
    }

    public record Report(Figures total, Map<String, Map<Integer, Long>> distribution, List<Figures> byAgent,
                         List<Figures> byChatflow, List<Figures> byTeam, List<Figures> byDay, List<Figures> byWeek) {
    }

    private static final class Tally {
        long invited;
        long answered;
        long satisfied;

        void add(Observation o) {
            invited++;
            if (o.score() != null) {
                answered++;
                if (o.scale().satisfied(o.score())) {
                    satisfied++;
                }
            }
        }

        Figures figures(String key) {
            return new Figures(key, invited, answered, satisfied, percent(satisfied, answered),
                    percent(answered, invited));
        }
    }

    private CsatReport() {
    }

    public static Report compute(List<Observation> observations, ZoneId zone) {
        Tally total = new Tally();
        observations.forEach(total::add);
        return new Report(total.figures("total"), distribution(observations),
                group(observations, o -> o.agentIds().isEmpty() ? List.of(UNKNOWN) : o.agentIds()),
                group(observations, o -> List.of(orUnknown(o.chatflowId()))),
                group(observations, o -> List.of(orUnknown(o.teamId()))),
                group(observations, o -> List.of(day(o.invitedAt(), zone).toString())),
                group(observations, o -> List.of(week(o.invitedAt(), zone))));
    }

    public static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    /** ISO-8601 week of the local day, e.g. {@code 2026-W13} (the week-based year, not the calendar year). */
    public static String week(Instant at, ZoneId zone) {
        LocalDate d = day(at, zone);
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Count of answers per score, per scale (every point of a scale present, zeros included). */
    static Map<String, Map<Integer, Long>> distribution(List<Observation> observations) {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        for (Observation o : observations) {
            if (o.score() == null) {
                continue;
            }
            Map<Integer, Long> counts = out.computeIfAbsent(o.scale().name(), s -> zeros(o.scale()));
            counts.merge(o.score(), 1L, Long::sum);
        }
        return out;
    }

    private static Map<Integer, Long> zeros(Scale scale) {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (int i = scale.min(); i <= scale.max(); i++) {
            counts.put(i, 0L);
        }
        return counts;
    }

    private static List<Figures> group(List<Observation> observations, Function<Observation, List<String>> keys) {
        Map<String, Tally> tallies = new TreeMap<>();
        for (Observation o : observations) {
            for (String key : keys.apply(o)) {
                tallies.computeIfAbsent(key, k -> new Tally()).add(o);
            }
        }
        List<Figures> out = new ArrayList<>();
        tallies.forEach((key, tally) -> out.add(tally.figures(key)));
        return out;
    }

    private static String orUnknown(String key) {
        return key == null || key.isBlank() ? UNKNOWN : key;
    }

    static Double percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
