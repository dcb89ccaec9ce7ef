package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.SurveyDefined;
import dev.parley.infra.test.ParleyTestInfra;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared helpers of the API tests. */
final class Api {

    private Api() {
    }

    static String inbox(String token, boolean connected) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Support", "chatConnected", connected))
                .post("/api/v1/inboxes").then().statusCode(201).extract().path("id");
    }

    static String chatflow(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/chatflows").then().statusCode(201).extract().path("id");
    }

    static void publish(String token, String id) {
        given().auth().oauth2(token).post("/api/v1/chatflows/" + id + "/publish").then().statusCode(200);
    }

    /** survey-service's announcement of a linkable (CHAT, not archived) survey, as it would arrive from Kafka. */
    static void surveyKnown(String portalId, String surveyId) {
        survey(SurveyDefined.of(portalId, surveyId, "Survey", "CHAT", false, 1));
    }

    static void survey(SurveyDefined defined) {
        send(defined);
    }

    /** Puts an event on its topic as its producer (or another instance's outbox relay) would. */
    static void send(ParleyEvent event) {
        send(event.topic(), event.key(), EventJson.write(event));
    }

    /** A raw record; {@code value} null is a tombstone. */
    static void send(String topic, String key, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits (30 s at most) until the consumer group has members with partitions: a broadcast channel reading from
     * the latest offset gets every record sent after this.
     */
    static void awaitAssigned(String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ParleyTestInfra.kafkaBootstrap()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(groupId)).all().get()
                        .get(groupId);
                return d.groupState() == GroupState.STABLE && d.members().stream()
                        .anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    /** Publishes once the linked survey's SurveyDefined has reached config-service (until then: 400). */
    static void publishOnceSurveyKnown(String token, String id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> publish(token, id));
    }

    static String json(Object value) {
        return EventJson.mapper().valueToTree(value).toString();
    }

    /** Every record with {@code key} on {@code topic} until {@code done} holds (30 s at most); values may be null. */
    static List<ConsumerRecord<String, String>> records(String topic, String key,
                                                        Predicate<List<ConsumerRecord<String, String>>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
                if (done.test(found)) {
                    return found;
                }
            }
        }
        throw new AssertionError("records for " + key + " on " + topic + " within 30 s: " + found);
    }
}
