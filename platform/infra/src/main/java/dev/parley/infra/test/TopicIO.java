package dev.parley.infra.test;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A topic of the real broker from the test side, the one place tests send and read records: a send waits for the
 * broker's acknowledgement; a read is a fresh consumer group from the beginning of the topic, for a bounded time.
 */
public final class TopicIO {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicIO() {
    }

    /** Sends one record (string key and value) and waits until the broker has it. */
    public static void send(String bootstrap, String topic, String key, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends an event as its service would (its topic, its key, its JSON); returns the JSON sent. */
    public static String send(String bootstrap, ParleyEvent event) {
        String json = EventJson.write(event);
        send(bootstrap, event.topic(), event.key(), json);
        return json;
    }

    /** Every record of {@code topic}, reading from the beginning for {@code within}. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, Duration within) {
        return readUntil(bootstrap, topic, within, record -> record, read -> false);
    }

    /**
     * The records of {@code topic} from the beginning as {@code keep} maps them (a record it maps to null is passed
     * over), read until {@code done} holds for what was kept or {@code within} passes: then whatever was kept.
     */
    public static <T> List<T> readUntil(String bootstrap, String topic, Duration within,
                                        Function<ConsumerRecord<String, String>, T> keep, Predicate<List<T>> done) {
        List<T> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !done.test(out)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    T kept = keep.apply(record);
                    if (kept != null) {
                        out.add(kept);
                    }
                }
            }
        }
        return out;
    }
}
