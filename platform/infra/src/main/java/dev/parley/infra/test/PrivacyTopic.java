package dev.parley.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sends a privacy request as consent-service does and waits for this service's report on parley.privacy.v1. */
public final class PrivacyTopic {

    private PrivacyTopic() {
    }

    public static void send(ParleyEvent event) {
        TopicIO.send(ParleyTestInfra.kafkaBootstrap(), event);
    }

    /** The report of type {@code type} for {@code requestId}, waiting up to 30 s. */
    public static JsonNode report(String type, String requestId) {
        List<JsonNode> reports = TopicIO.readUntil(ParleyTestInfra.kafkaBootstrap(), Topics.PRIVACY,
                Duration.ofSeconds(30), record -> parse(record.value()).filter(json -> type.equals(
                        json.path("type").asText()) && requestId.equals(json.path("requestId").asText())).orElse(null),
                found -> !found.isEmpty());
        if (reports.isEmpty()) {
            throw new AssertionError("no " + type + " for request " + requestId + " within 30 s");
        }
        return reports.get(0);
    }

    private static Optional<JsonNode> parse(String value) {
        try {
            return Optional.ofNullable(value == null ? null : EventJson.mapper().readTree(value));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
