package dev.parley.config.bench;

import dev.parley.infra.KafkaBroker;
import dev.parley.infra.Ports;
import dev.parley.infra.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark infrastructure (benchmarks/config/run.sh): a real PostgreSQL and Kafka broker on free ports under the
 * given directory; writes {@code env} (shell variables for config-service) when ready and runs until killed.
 */
public final class BenchInfra {

    private BenchInfra() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Postgres postgres = Postgres.start(dir.resolve("postgres"), Ports.free());
        postgres.ensureDatabase("config", "parley");
        KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free(),
                dir.resolve("kafka.log"), null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }));
        String env = String.join("\n",
                "export QUARKUS_DATASOURCE_USERNAME=config",
                "export QUARKUS_DATASOURCE_PASSWORD=parley",
                "export QUARKUS_DATASOURCE_JDBC_URL=" + postgres.jdbcUrl("config"),
                "export QUARKUS_DATASOURCE_REACTIVE_URL=" + postgres.reactiveUrl("config"),
                "export PARLEY_KAFKA=" + kafka.bootstrapServers(), "");
        Files.writeString(dir.resolve("env.tmp"), env);
        Files.move(dir.resolve("env.tmp"), dir.resolve("env"));
        System.out.println("bench infra ready");
        new CountDownLatch(1).await();
    }
}
