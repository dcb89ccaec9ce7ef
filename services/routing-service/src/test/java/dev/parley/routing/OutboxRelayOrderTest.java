package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Waits;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.kit.messaging.OutboxRelay;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The kit's outbox relay on the real PostgreSQL and Kafka (every service runs the same bean): a row whose transaction
 * commits after the relay already sent rows with larger ids (ids are taken at insert) still goes out before a row of
 * its key written after it committed, and every published row is deleted. Half the rounds wait until the relay has
 * sent the larger id before the smaller one commits: a relay that reads only after the last id it sent never sends
 * the late row (checked: the test fails). The other half let the commit race the relay's read, send and delete: a
 * relay that deletes by id range loses the row when the commit lands between its read and its delete, which these
 * rounds catch only when the timing falls that way.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OutboxRelayOrderTest {

    /** A dead-letter topic nobody consumes: the rows here are not events. */
    private static final String TOPIC = "parley.presence.v1.dlq";
    private static final int KEYS = 30;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Test
    void aRowThatCommitsLateGoesOutBeforeTheLaterRowsOfItsKey() {
        String run = UUID.randomUUID().toString();
        Map<String, List<String>> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            for (int i = 0; i < KEYS; i++) {
                String key = run + "-" + i;
                SqlConnection late = pool.getConnection().await().atMost(Duration.ofSeconds(10));
                try {
                    Transaction open = late.begin().await().atMost(Duration.ofSeconds(10));
                    stage(late, key, "first"); // takes the smaller id, commits later
                    String other = "other-" + i;
                    stage(pool, run + "-other", other); // a larger id, committed first
                    relay.committed();
                    if (i % 2 == 0) {
                        // The relay has read and sent the larger id while this one is still uncommitted.
                        Waits.until(other + " published", Duration.ofSeconds(10), () -> {
                            poll(consumer, run, byKey);
                            return byKey.getOrDefault(run + "-other", List.of()).contains(other);
                        });
                    } // odd rounds: the commit races the relay's read, send and delete
                    open.commit().await().atMost(Duration.ofSeconds(10));
                } finally {
                    late.closeAndAwait();
                }
                stage(pool, key, "second"); // written only after "first" committed
                relay.committed();
            }

            Waits.until("every key's second row published", Duration.ofSeconds(30), () -> {
                poll(consumer, run, byKey);
                return byKey.entrySet().stream().filter(e -> e.getValue().contains("second")).count() == KEYS;
            });
            for (int i = 0; i < KEYS; i++) {
                List<String> values = byKey.get(run + "-" + i);
                // Published at least once each (a relay may publish twice); the first of each in write order.
                assertThat(values).as("key %d", i).contains("first", "second");
                assertThat(values.indexOf("first")).as("key %d: %s", i, values).isLessThan(values.indexOf("second"));
            }
            assertThat(byKey.get(run + "-other")).hasSize(KEYS).doesNotHaveDuplicates();
        }
        // The relay deletes once every send of its transaction is acknowledged, a moment after the consumer sees them.
        Waits.until("published rows deleted", Duration.ofSeconds(10), () -> pool.preparedQuery(
                        "select count(*) from outbox_event where event_key like $1").execute(Tuple.of(run + "%"))
                .await().indefinitely().iterator().next().getLong(0) == 0);
    }

    private static void poll(KafkaConsumer<String, String> consumer, String run, Map<String, List<String>> byKey) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.key() != null && r.key().startsWith(run)) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        }
    }

    private static void stage(SqlClient client, String key, String payload) {
        client.preparedQuery("insert into outbox_event (topic, event_key, event_type, event_id, payload)"
                        + " values ($1, $2, 'Test', $3, $4)")
                .execute(Tuple.of(TOPIC, key, UUID.randomUUID(), payload)).await().atMost(Duration.ofSeconds(10));
    }

    private static KafkaConsumer<String, String> consumerAtEnd() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
        return consumer;
    }
}
