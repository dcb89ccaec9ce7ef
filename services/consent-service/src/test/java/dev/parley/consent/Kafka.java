package dev.parley.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TopicIO;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The test's side of the real broker (through the shared {@link TopicIO}): send events as the other services would,
 * read what this service published.
 */
final class Kafka {

    private Kafka() {
    }

    static void send(ParleyEvent event) {
        TopicIO.send(ParleyTestInfra.kafkaBootstrap(), event);
    }

    static void send(String topic, String key, String json) {
        TopicIO.send(ParleyTestInfra.kafkaBootstrap(), topic, key, json);
    }

    /** Every record of {@code topic} (from the beginning) whose JSON matches, read for a few seconds. */
    static List<JsonNode> read(String topic, Predicate<JsonNode> match) {
        return TopicIO.readAll(ParleyTestInfra.kafkaBootstrap(), topic, Duration.ofSeconds(3)).stream()
                .map(r -> parse(r.value())).filter(Objects::nonNull).filter(match).toList();
    }

    private static JsonNode parse(String value) {
        try {
            return value == null ? null : EventJson.mapper().readTree(value);
        } catch (Exception e) {
            return null;
        }
    }
}
