package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.Vocabulary.AvailabilityState;
import dev.parley.contracts.Vocabulary.Sender;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void aKnownValueParsesToItsEnum() {
        assertThat(Vocabulary.parse(Sender.class, "BOT")).contains(Sender.BOT);
        assertThat(Vocabulary.parse(AvailabilityState.class, "AT_CAPACITY")).contains(AvailabilityState.AT_CAPACITY);
    }

    @Test
    void aValueFromANewerProducerOrNoValueIsEmptyNotAnError() {
        assertThat(Vocabulary.parse(Sender.class, "INTEGRATION")).isEmpty();
        assertThat(Vocabulary.parse(Sender.class, "bot")).isEmpty();
        assertThat(Vocabulary.parse(Sender.class, null)).isEmpty();
    }
}
