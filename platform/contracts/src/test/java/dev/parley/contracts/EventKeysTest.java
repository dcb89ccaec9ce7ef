package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.Samples.Sample;
import dev.parley.contracts.events.ConsentRecorded;
import dev.parley.contracts.events.ConsentSubmitted;
import dev.parley.contracts.events.ConsentWithdrawn;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key decides ordering: the aggregate of ARCHITECTURE.md's topic table, never another id the event carries. */
class EventKeysTest {

    static Stream<Sample> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventNamesItsTopicAndAggregateKey(Sample sample) {
        assertThat(sample.event().topic()).isEqualTo(sample.topic()).isIn(Topics.ALL);
        assertThat(sample.event().key()).isEqualTo(sample.key());
    }

    @Test
    void consentsOfAnAnonymousVisitorAreKeyedByTheVisitor() {
        var recorded = ConsentRecorded.of("portal-1", "entry-1", "visitor-1", null, "chatflow-1", 1, "COOKIES", null,
                false, "sha256:ef56");
        var withdrawn = ConsentWithdrawn.of("portal-1", "entry-2", "visitor-1", null, "COMMUNICATION", null);

        assertThat(recorded.key()).isEqualTo("visitor-1");
        assertThat(withdrawn.key()).isEqualTo("visitor-1");
    }

    @Test
    void aConsentSubmittedOutsideAConversationIsKeyedByTheVisitor() {
        var submitted = ConsentSubmitted.of("portal-1", null, "visitor-1", null, "chatflow-1", 1, "COOKIES", null, true,
                "sha256:ef56", "de", null, "WEB");

        assertThat(submitted.key()).isEqualTo("visitor-1");
        assertThat(submitted.topic()).isEqualTo(Topics.CONVERSATIONS);
    }
}
