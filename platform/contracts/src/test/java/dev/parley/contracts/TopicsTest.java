package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicConstantIsDistinctAndListedInAll() {
        var constants = Arrays.stream(Topics.class.getFields())
                .filter(f -> f.getType() == String.class && Modifier.isStatic(f.getModifiers()))
                .map(TopicsTest::value).toList();

        assertThat(constants).hasSize(8).doesNotHaveDuplicates();
        assertThat(Topics.ALL).containsExactlyInAnyOrderElementsOf(constants);
        assertThat(Topics.ALL).allMatch(t -> t.matches("parley\\.[a-z]+\\.v1"));
    }

    @Test
    void theNamesAreThoseOfTheArchitecture() {
        assertThat(Topics.ALL).containsExactly("parley.chatflows.v1", "parley.conversations.v1", "parley.routing.v1",
                "parley.presence.v1", "parley.availability.v1", "parley.consents.v1", "parley.surveys.v1",
                "parley.privacy.v1");
    }

    @Test
    void aDeadLetterTopicIsTheTopicWithDlq() {
        assertThat(Topics.dlq(Topics.CONVERSATIONS)).isEqualTo("parley.conversations.v1.dlq");
        assertThat(Topics.ALL.stream().map(Topics::dlq)).doesNotContainAnyElementsOf(Topics.ALL);
    }

    @Test
    void onlyStateTopicsAreCompacted() {
        assertThat(Topics.COMPACTED).containsExactlyInAnyOrder(Topics.CHATFLOWS, Topics.AVAILABILITY);
        assertThat(Topics.isCompacted(Topics.AVAILABILITY)).isTrue();
        assertThat(Topics.isCompacted(Topics.CONVERSATIONS)).isFalse();
        assertThat(Topics.isCompacted(Topics.dlq(Topics.CHATFLOWS))).isFalse();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
