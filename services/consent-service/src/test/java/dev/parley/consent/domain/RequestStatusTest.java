package dev.parley.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> EXPECTED = List.of("a", "b");

    @Test
    void pendingUntilEveryExpectedServiceReported() {
        var one = RequestStatus.of(EXPECTED, Map.of("a", new RequestStatus.Report(2L, T0)), T0, T0.plusSeconds(1),
                Duration.ofMinutes(1));
        assertThat(one.status()).isEqualTo("PENDING");
        assertThat(one.overdue()).isFalse();
        assertThat(one.services()).extracting(RequestStatus.ServiceStatus::state)
                .containsExactly(RequestStatus.State.DONE, RequestStatus.State.PENDING);

        var all = RequestStatus.of(EXPECTED, Map.of("a", new RequestStatus.Report(2L, T0),
                "b", new RequestStatus.Report(0L, T0)), T0, T0.plusSeconds(3600), Duration.ofMinutes(1));
        assertThat(all.status()).isEqualTo("COMPLETED");
        assertThat(all.overdue()).isFalse();
    }

    @Test
    void aMissingReportAfterTheDeadlineIsOverdueAndAnUnexpectedReporterIsListed() {
        var late = RequestStatus.of(EXPECTED, Map.of("z", new RequestStatus.Report(null, T0)), T0,
                T0.plusSeconds(61), Duration.ofMinutes(1));
        assertThat(late.overdue()).isTrue();
        assertThat(late.services()).extracting(s -> s.service() + ":" + s.state())
                .containsExactly("a:OVERDUE", "b:OVERDUE", "z:DONE");
        var exactlyAtDeadline = RequestStatus.of(EXPECTED, Map.of(), T0, T0.plusSeconds(60), Duration.ofMinutes(1));
        assertThat(exactlyAtDeadline.overdue()).isFalse();
    }
}
