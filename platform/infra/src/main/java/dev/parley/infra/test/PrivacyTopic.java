package dev.parley.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends a privacy request as consent-service does and waits for this service's report on parley.privacy.v1. */
public final class PrivacyTopic {

    private PrivacyTopic() {
    }

    public static void send(ParleyEvent event) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report of type {@code type} for {@code requestId}, waiting up to 30 s. */
    public static JsonNode report(String type, String requestId) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.PRIVACY));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    Optional<JsonNode> match = parse(record.value()).filter(json -> type.equals(
                            json.path("type").asText()) && requestId.equals(json.path("requestId").asText()));
                    if (match.isPresent()) {
                        return match.get();
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " for request " + requestId + " within 30 s");
    }

    private static Optional<JsonNode> parse(String value) {
        try {
            return Optional.ofNullable(value == null ? null : EventJson.mapper().readTree(value));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
