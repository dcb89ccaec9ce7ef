package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoutingStateTest {

    static final Instant T1 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instant T2 = T1.plusMillis(1);

    @Test
    void theLaterStatementWinsWhateverTheOrderOfArrival() {
        RoutingState older = new RoutingState("AWAY", T1);
        RoutingState newer = new RoutingState("AVAILABLE", T2);
        assertThat(RoutingState.latest(older, newer)).isEqualTo(newer);
        assertThat(RoutingState.latest(newer, older)).isEqualTo(newer);
    }

    @Test
    void nothingStoredTakesTheIncomingAndAnEqualTimeTakesTheLastArrival() {
        RoutingState a = new RoutingState("AVAILABLE", T1);
        RoutingState b = new RoutingState("AT_CAPACITY", T1);
        assertThat(RoutingState.latest(null, a)).isEqualTo(a);
        assertThat(RoutingState.latest(a, b)).isEqualTo(b);
        assertThat(a.yieldsTo(b)).isTrue();
        assertThat(new RoutingState("AWAY", T2).yieldsTo(a)).isFalse();
    }
}
