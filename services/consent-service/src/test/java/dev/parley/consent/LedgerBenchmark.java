package dev.parley.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConsentSubmitted;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test (runs only with {@code -Dbench=true}, see benchmarks/consent-service/run.sh). Prints
 * (1) ConsentSubmitted → ConsentRecorded latency (consumed, text checked, entry + text + outbox committed, relayed)
 * at a fixed rate, p50/p99 and the achieved rate; (2) consent-service's own erasure part, request → DONE in the
 * request view, p50/p99 over sequential requests for subjects with two entries each.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(VisitorKeys.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LedgerBenchmark {

    private static final String ADMIN = TestTokens.admin("demo-admin", "demo");

    @Test
    void ledgerAppendAndErasure() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int erasures = Integer.getInteger("bench.erasures", 50);
        String chatflowId = Chatflows.publish("demo");
        warmUp(chatflowId);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int total = rate * seconds;
        long[] sentAt = new long[total];
        Map<Integer, Long> recorded = new ConcurrentHashMap<>();
        Thread tap = tap(run, recorded);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(), ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Parked, not spun: a spinning sender would take one of the machine's two cores.
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                ConsentSubmitted event = LedgerTest.submitted("c-" + run + "-" + i, "bench-" + run + "-" + i,
                        chatflowId, "PROCESSING", true, Chatflows.hash(Chatflows.PROCESSING), null);
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event)));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> recorded.size() == total);
            double took = (System.nanoTime() - start) / 1e9;
            long[] latency = new long[total];
            for (int i = 0; i < total; i++) {
                latency[i] = recorded.get(i) - sentAt[i];
            }
            System.out.printf("BENCHMARK ledger append: %d ConsentSubmitted at %d/s -> ConsentRecorded p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms; all recorded after %.1f s (%.0f/s)%n", total, rate,
                    pct(latency, 50), pct(latency, 99), pct(latency, 100), took, total / took);
        } finally {
            tap.interrupt();
        }
        erasures(chatflowId, run, erasures);
    }

    /** Until every partition of parley.conversations.v1 is assigned and served, latencies measure the group join. */
    private static void warmUp(String chatflowId) {
        String prefix = "warm-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 60; i++) {
            Kafka.send(LedgerTest.submitted("warm-" + i, prefix + i, chatflowId, "PROCESSING", true,
                    Chatflows.hash(Chatflows.PROCESSING), null));
        }
        for (int i = 0; i < 60; i++) {
            LedgerTest.awaitEntries(prefix + i, 1);
        }
    }

    private void erasures(String chatflowId, String run, int count) {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String visitor = "erase-" + run + "-" + i;
            subjects.add(visitor);
            Kafka.send(LedgerTest.submitted(null, visitor, chatflowId, "PROCESSING", true,
                    Chatflows.hash(Chatflows.PROCESSING), null));
            Kafka.send(LedgerTest.submitted(null, visitor, chatflowId, "COMMUNICATION", true,
                    Chatflows.hash(Chatflows.LABEL), null));
        }
        LedgerTest.awaitEntries(subjects.get(count - 1), 2);
        long[] took = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("kind", "ERASURE", "subject", subjects.get(i))).post("/api/v1/privacy/requests")
                    .then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> "DONE".equals(
                    given().auth().oauth2(ADMIN).get("/api/v1/privacy/requests/" + id).then().extract()
                            .path("services.find { it.service == 'consent-service' }.state")));
            took[i] = System.nanoTime() - start;
        }
        System.out.printf("BENCHMARK consent-service erasure part: %d sequential requests (2 entries each),"
                + " request -> DONE p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", count, pct(took, 50), pct(took, 99),
                pct(took, 100));
    }

    private static Thread tap(String run, Map<Integer, Long> recorded) {
        String prefix = "bench-" + run + "-";
        Thread thread = new Thread(() -> {
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + run,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONSENTS).stream()
                        .map(p -> new TopicPartition(Topics.CONSENTS, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(20)).forEach(r -> {
                        long at = System.nanoTime();
                        int i = r.value().indexOf(prefix);
                        if (i >= 0) {
                            String rest = r.value().substring(i + prefix.length());
                            recorded.put(Integer.parseInt(rest.substring(0, rest.indexOf('"'))), at);
                        }
                    });
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-tap");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
