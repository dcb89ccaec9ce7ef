package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityTest {

    record C(String id, int priority, Instant createdAt, boolean matches) implements Priority.Ranked {
    }

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void higherPriorityFirstThenOlderThenSmallerId() {
        var low = new C("a", 1, T0, true);
        var high = new C("b", 9, T0.plusSeconds(5), true);
        var tieOld = new C("z", 5, T0, true);
        var tieNew = new C("c", 5, T0.plusSeconds(1), true);
        var tieSameTime = new C("y", 5, T0, true);
        assertThat(Priority.sorted(List.of(low, tieNew, tieOld, high, tieSameTime)))
                .containsExactly(high, tieSameTime, tieOld, tieNew, low);
    }

    @Test
    void firstMatchingWinsAndNoneMatchingIsEmpty() {
        var sorted = Priority.sorted(List.of(new C("a", 9, T0, false), new C("b", 3, T0, true),
                new C("c", 1, T0, true)));
        assertThat(Priority.first(sorted, C::matches)).map(C::id).contains("b");
        assertThat(Priority.first(sorted, c -> false)).isEmpty();
    }
}
