package dev.parley.survey.bench;

import dev.parley.survey.domain.CsatReport;
import dev.parley.survey.domain.CsatReport.Observation;
import dev.parley.survey.domain.Scale;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How long {@link CsatReport#compute} takes for a portal's period: N invitations (default 100,000: a busy portal's
 * year), 20 agents, 10 chatflows, 5 teams, 70 % answered, over 365 days in Europe/Berlin. Prints p50/p99 of 30 runs
 * after 10 warm-up runs. {@code java ... ReportBench [invitations]}.
 */
public final class ReportBench {

    private ReportBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<Observation> data = observations(n, new Random(42));
        ZoneId zone = ZoneId.of("Europe/Berlin");
        for (int i = 0; i < 10; i++) {
            CsatReport.compute(data, zone);
        }
        long[] nanos = new long[30];
        CsatReport.Report last = null;
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            last = CsatReport.compute(data, zone);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("invitations=%d answered=%d csat=%s days=%d weeks=%d%n", n, last.total().answered(),
                last.total().csat(), last.byDay().size(), last.byWeek().size());
        System.out.printf("compute: p50=%.1f ms p99=%.1f ms (%.0f invitations/s at p50)%n", nanos[15] / 1e6,
                nanos[29] / 1e6, n / (nanos[15] / 1e9));
    }

    private static List<Observation> observations(int n, Random random) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant at = start.plusSeconds(random.nextInt(365 * 24 * 3600));
            Integer score = random.nextInt(10) < 7 ? 1 + random.nextInt(5) : null;
            List<String> agents = random.nextInt(10) == 0
                    ? List.of("agent-" + random.nextInt(20), "agent-" + random.nextInt(20))
                    : List.of("agent-" + random.nextInt(20));
            out.add(new Observation(at, Scale.FIVE_POINT, "chatflow-" + random.nextInt(10), "team-" + random.nextInt(5),
                    agents, score));
        }
        return out;
    }
}
