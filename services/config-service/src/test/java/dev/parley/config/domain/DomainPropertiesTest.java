package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.TargetRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Targeting and priority properties. The business-hours properties (hours vs a per-day reading, next-opening
 * minimality) live with the shared class: platform/contracts {@code BusinessHoursPerDayPropertiesTest}.
 */
class DomainPropertiesTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void negativeOpsAreExactComplements(@ForAll @AlphaChars @StringLength(max = 8) String path,
                                        @ForAll @AlphaChars @StringLength(min = 1, max = 3) String value) {
        String page = "https://x.io/" + path;
        assertThat(TargetingTest.url("CONTAINS", value, page)).isNotEqualTo(TargetingTest.url("NOT_CONTAINS",
                value, page));
        assertThat(TargetingTest.url("IS", "https://x.io/" + value, page))
                .isNotEqualTo(TargetingTest.url("IS_NOT", "https://x.io/" + value, page));
    }

    @Property(tries = 300)
    void anExclusionEqualToAnInclusionHidesTheChatflow(@ForAll @AlphaChars @StringLength(max = 8) String path,
                                                      @ForAll("ops") String op,
                                                      @ForAll @AlphaChars @StringLength(min = 1, max = 3) String v) {
        TargetRule rule = new TargetRule("URL", op, null, v);
        var t = Targeting.compile(new ChatflowSettings.Targeting(List.of(rule), List.of(rule), List.of()));
        assertThat(t.matches(PageContext.of("https://x.io/" + path, "DESKTOP"), Visitor.ANONYMOUS)).isFalse();
    }

    @Provide
    Arbitrary<String> ops() {
        return Arbitraries.of("IS", "IS_NOT", "CONTAINS", "NOT_CONTAINS", "STARTS_WITH", "ENDS_WITH", "MATCHES");
    }

    record C(String id, int priority, Instant createdAt, boolean matches) implements Priority.Ranked {
    }

    @Property(tries = 300)
    void priorityResolutionIgnoresInputOrderAndPicksTheHighestMatching(
            @ForAll("candidates") List<C> candidates, @ForAll long seed) {
        List<C> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        Optional<C> a = Priority.first(Priority.sorted(candidates), C::matches);
        Optional<C> b = Priority.first(Priority.sorted(shuffled), C::matches);
        assertThat(a).isEqualTo(b);
        int best = candidates.stream().filter(C::matches).mapToInt(C::priority).max().orElse(Integer.MIN_VALUE);
        assertThat(a.map(C::priority).orElse(Integer.MIN_VALUE)).isEqualTo(best);
    }

    @Provide
    Arbitrary<List<C>> candidates() {
        Arbitrary<C> c = Combinators.combine(Arbitraries.strings().alpha().ofLength(4),
                Arbitraries.integers().between(-3, 3), Arbitraries.longs().between(0, 5), Arbitraries.of(true, false))
                .as((id, p, t, m) -> new C(id, p, BASE.plusSeconds(t), m));
        return c.list().ofMaxSize(12).uniqueElements(C::id);
    }
}
