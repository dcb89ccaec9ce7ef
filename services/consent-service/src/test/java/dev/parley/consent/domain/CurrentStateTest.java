package dev.parley.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CurrentStateTest {

    @Property
    void theLatestAnswerPerKindAndSubscriptionWinsWhateverTheInputOrder(
            @ForAll("answers") List<CurrentState.Answer> answers) {
        List<CurrentState.Answer> shuffled = new ArrayList<>(answers);
        Collections.shuffle(shuffled);

        List<CurrentState.State> states = CurrentState.of(shuffled);

        assertThat(states).isEqualTo(CurrentState.of(answers));
        for (CurrentState.State state : states) {
            CurrentState.Answer latest = answers.stream()
                    .filter(a -> a.kind().equals(state.kind()) && java.util.Objects.equals(a.subscriptionType(),
                            state.subscriptionType()))
                    .max(java.util.Comparator.comparingLong(CurrentState.Answer::seq)).orElseThrow();
            assertThat(state.granted()).isEqualTo(latest.granted());
            assertThat(state.entryId()).isEqualTo(latest.entryId());
        }
        long distinct = answers.stream().map(a -> a.kind() + "/" + a.subscriptionType()).distinct().count();
        assertThat(states).hasSize((int) distinct);
    }

    @Provide
    Arbitrary<List<CurrentState.Answer>> answers() {
        Arbitrary<String> kind = Arbitraries.of("COOKIES", "PROCESSING", "COMMUNICATION");
        Arbitrary<String> type = Arbitraries.of("news", "offers").injectNull(0.3);
        return Combinators.combine(kind, type, Arbitraries.of(true, false))
                .as((k, t, g) -> new Object[] {k, "COMMUNICATION".equals(k) ? t : null, g})
                .list().ofMaxSize(30).map(raw -> {
                    List<CurrentState.Answer> out = new ArrayList<>();
                    for (int i = 0; i < raw.size(); i++) {
                        Object[] r = raw.get(i);
                        out.add(new CurrentState.Answer(i, "e" + i, (String) r[0], (String) r[1], (Boolean) r[2],
                                "cf", 1, Instant.EPOCH.plusSeconds(i)));
                    }
                    return out;
                });
    }
}
