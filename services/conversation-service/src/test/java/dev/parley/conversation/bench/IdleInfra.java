package dev.parley.conversation.bench;

import dev.parley.conversation.TestChatflows;
import dev.parley.infra.KafkaBroker;
import dev.parley.infra.Ports;
import dev.parley.infra.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Infrastructure of the idle-connection benchmark (benchmarks/conversation-service/idle.sh): a real PostgreSQL and
 * Kafka broker on free ports under the given directory, one published chatflow (portal {@code demo}) for widget
 * sessions, an RSA public key for the service's OIDC setting (agents are not used here) and two free ports for the
 * servers. Writes {@code env} (shell variables) when ready and runs until killed.
 */
public final class IdleInfra {

    private IdleInfra() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Postgres postgres = Postgres.start(dir.resolve("postgres"), Ports.free());
        postgres.ensureDatabase("conversation", "parley");
        KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free(),
                dir.resolve("kafka.log"), null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }));
        String chatflowId = UUID.randomUUID().toString();
        TestChatflows.publish(kafka.bootstrapServers(), "demo", chatflowId, 1,
                TestChatflows.settings(null, null, "NEVER", false));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String oidcKey = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
        String env = String.join("\n",
                "export QUARKUS_DATASOURCE_USERNAME=conversation",
                "export QUARKUS_DATASOURCE_PASSWORD=parley",
                "export QUARKUS_DATASOURCE_JDBC_URL=" + postgres.jdbcUrl("conversation"),
                "export QUARKUS_DATASOURCE_REACTIVE_URL=" + postgres.reactiveUrl("conversation"),
                "export KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                "BENCH_CHATFLOW=" + chatflowId,
                "BENCH_OIDC_KEY=" + oidcKey,
                "BENCH_PARLEY_PORT=" + Ports.free(),
                "BENCH_BARE_PORT=" + Ports.free(), "");
        Files.writeString(dir.resolve("env.tmp"), env);
        Files.move(dir.resolve("env.tmp"), dir.resolve("env"));
        System.out.println("idle bench infra ready");
        new CountDownLatch(1).await();
    }
}
