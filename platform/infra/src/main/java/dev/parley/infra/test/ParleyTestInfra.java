package dev.parley.infra.test;

import dev.parley.infra.FileTrees;
import dev.parley.infra.KafkaBroker;
import dev.parley.infra.Ports;
import dev.parley.infra.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Quarkus test resource: a real PostgreSQL and a real Kafka broker (with every Parley topic) for one test JVM,
 * on free ports, in a scratch directory deleted afterwards. Dev Services stay off.
 *
 * <p>Use {@code @QuarkusTestResource(ParleyTestInfra.class)} on any test class of a service; the resource is
 * shared by every test of the module.
 */
public class ParleyTestInfra implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "parley_test";
    private static final String PASSWORD = "parley";

    private static volatile String kafkaBootstrap;
    private Path scratch;
    private Postgres postgres;
    private KafkaBroker kafka;

    @Override
    public Map<String, String> start() {
        try {
            scratch = Files.createTempDirectory("parley-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> KafkaBroker.start(
                scratch.resolve("kafka"), Ports.free(), Ports.free(), scratch.resolve("kafka.log"), null));
        postgres = Postgres.start(scratch.resolve("postgres"), Ports.free(), scratch.resolve("postgres.log"));
        postgres.ensureDatabase(DATABASE, PASSWORD);
        kafka = broker.join();
        kafkaBootstrap = kafka.bootstrapServers();
        return Map.of(
                "quarkus.datasource.username", DATABASE,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE),
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    /** The broker of the running test resource, for test-side producers and consumers. */
    public static String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            throw new IllegalStateException("ParleyTestInfra is not started");
        }
        return kafkaBootstrap;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        FileTrees.delete(scratch);
    }
}
