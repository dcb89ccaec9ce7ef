package dev.parley.survey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TopicIO;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The real broker from the test side (through the shared {@link TopicIO}): send events as other services would,
 * read what survey-service published.
 */
final class Topic {

    private Topic() {
    }

    static String send(ParleyEvent event) {
        return TopicIO.send(ParleyTestInfra.kafkaBootstrap(), event);
    }

    static void send(String topic, String key, String json) {
        TopicIO.send(ParleyTestInfra.kafkaBootstrap(), topic, key, json);
    }

    /**
     * The records of {@code key} on {@code topic} from the beginning, read until {@code done} holds for them (or
     * 30 s pass: then whatever was read, for the assertion to show).
     */
    static List<JsonNode> readUntil(String topic, String key, Predicate<List<JsonNode>> done) {
        return TopicIO.readUntil(ParleyTestInfra.kafkaBootstrap(), topic, Duration.ofSeconds(30),
                r -> key.equals(r.key()) && r.value() != null ? tree(r.value()) : null, done);
    }

    /** The raw values of {@code key} on {@code topic} (5 s of polling from the beginning). */
    static List<String> readRaw(String topic, String key) {
        return TopicIO.readAll(ParleyTestInfra.kafkaBootstrap(), topic, Duration.ofSeconds(5)).stream()
                .filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    static Predicate<List<JsonNode>> has(String type, int count) {
        return list -> ofType(list, type).size() >= count;
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    private static JsonNode tree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
