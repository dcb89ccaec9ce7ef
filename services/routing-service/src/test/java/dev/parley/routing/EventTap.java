package dev.parley.routing;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.TopicIO;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test side of the broker: produces conversation-service's events and records everything routing-service
 * publishes (routing, presence, availability), with the time each record was seen.
 */
public final class EventTap implements AutoCloseable {

    public record Seen(ParleyEvent event, long seenAtNanos, long producedAtMillis, long seenAtMillis) {
    }

    private final KafkaProducer<String, String> producer;
    // Not copy-on-write: a moving queue publishes thousands of events.
    private final java.util.Queue<Seen> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Thread poller;
    private final java.util.List<java.util.function.Consumer<Seen>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public EventTap(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new StringSerializer());
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tap-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        poller = new Thread(() -> {
            try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                // Assigned, not subscribed: no consumer-group round trips before the first record.
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : List.of(Topics.ROUTING, Topics.PRESENCE, Topics.AVAILABILITY)) {
                    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic,
                            p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running) {
                    consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                        if (r.value() != null) {
                            Seen s = new Seen(EventJson.read(r.value()), System.nanoTime(), r.timestamp(),
                                    System.currentTimeMillis());
                            seen.add(s);
                            for (var listener : listeners) {
                                try {
                                    listener.accept(s);
                                } catch (RuntimeException e) { // a listener never stops the tap
                                    e.printStackTrace();
                                }
                            }
                        }
                    });
                }
            }
        }, "event-tap");
        poller.setDaemon(true);
        poller.start();
    }

    public void send(ParleyEvent event) {
        try {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting for the broker (the benchmark's open-loop load). */
    public void sendAsync(ParleyEvent event) {
        producer.send(new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event)));
    }

    public void sendRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public <T extends ParleyEvent> List<T> events(Class<T> type, Predicate<T> filter) {
        return seen.stream().map(Seen::event).filter(type::isInstance).map(type::cast).filter(filter).toList();
    }

    /** Called on the tap's thread for every event read from now on (keep it short). */
    public void onSeen(java.util.function.Consumer<Seen> listener) {
        listeners.add(listener);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Every record of {@code topic} (a fresh group reading from the beginning for five seconds). */
    public static List<String> readAll(String bootstrap, String topic) {
        return TopicIO.readAll(bootstrap, topic, Duration.ofSeconds(5)).stream().map(ConsumerRecord::value).toList();
    }

    /** A chatflow that auto-assigns to the given users and teams. */
    public static ChatflowPublished chatflow(String portalId, String chatflowId, int version, boolean autoAssign,
                                             List<String> userIds, List<String> teamIds) {
        return chatflow(portalId, chatflowId, version, autoAssign, userIds, teamIds,
                new ChatflowSettings.Availability("USERS", List.of(), List.of(), null, null, null), "UTC");
    }

    /** A chatflow with the given availability settings (business hours in {@code timeZone}). */
    public static ChatflowPublished chatflow(String portalId, String chatflowId, int version, boolean autoAssign,
                                             List<String> userIds, List<String> teamIds,
                                             ChatflowSettings.Availability availability, String timeZone) {
        var settings = new ChatflowSettings("LIVE_CHAT", "en", null, "Hi",
                new ChatflowSettings.Assignment(autoAssign, userIds, teamIds), null, null, availability,
                null, null, null, null, null, null);
        var snapshot = new ChatflowSnapshot(chatflowId, portalId, version, "WEBSITE", "Support", true, 0, timeZone,
                Instant.now(), settings);
        return ChatflowPublished.of(portalId, chatflowId, version, "WEBSITE", snapshot);
    }

    @Override
    public void close() {
        running = false;
        producer.close();
        try {
            poller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
