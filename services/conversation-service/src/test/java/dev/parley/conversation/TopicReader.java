package dev.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.infra.test.TopicIO;
import java.time.Duration;
import java.util.List;

/**
 * Reads a topic from the beginning (as JSON) and sends records, for asserting what the service published (through
 * the shared {@link TopicIO}).
 */
final class TopicReader {

    private TopicReader() {
    }

    static List<JsonNode> events(String bootstrap, String topic, String key) {
        return TopicIO.readAll(bootstrap, topic, Duration.ofSeconds(4)).stream().filter(r -> key.equals(r.key()))
                .map(r -> tree(r.value())).toList();
    }

    static List<String> types(String bootstrap, String topic, String key) {
        return events(bootstrap, topic, key).stream().map(e -> e.get("type").asText())
                .filter(t -> !"EphemeralFrame".equals(t)).toList();
    }

    static void send(String bootstrap, String topic, String key, String json) {
        TopicIO.send(bootstrap, topic, key, json);
    }

    private static JsonNode tree(String value) {
        try {
            return WsClient.JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
