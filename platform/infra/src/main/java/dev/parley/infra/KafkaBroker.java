package dev.parley.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in its own JVM, with the topics of ARCHITECTURE.md.
 *
 * <p>Its own JVM keeps the broker's logging and dependencies out of the caller; {@code BrokerMain} halts the broker
 * when the caller dies, so an orphan never holds the port or the data directory.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/parley/kafka-broker.classpath";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The broker's heap and collector; a benchmark may pass others in {@code parley.kafka.memory}. */
    static final String DEFAULT_MEMORY = "-Xms128m -Xmx512m -XX:+UseSerialGC";

    private final ManagedProcess process;
    private final int port;

    private KafkaBroker(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (its controller on {@code controllerPort}) keeping its data in {@code dataDir},
     * which is formatted on first use only so data survives restarts.
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile, Path runDir) {
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig(dataDir, port, controllerPort);
            String classpath = brokerClasspath();
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                format(classpath, config, dataDir, logFile);
            }
            List<String> command = new ArrayList<>(List.of(Jvm.java()));
            String memory = System.getProperty("parley.kafka.memory", "");
            command.addAll(List.of((memory.isBlank() ? DEFAULT_MEMORY : memory).trim().split("\\s+")));
            command.addAll(List.of("-Dparley.process=kafka", "-Dlog4j2.configurationFile=" + writeLogConfig(dataDir),
                    "-cp", classpath, "dev.parley.kafkabroker.BrokerMain", config.toString()));
            ManagedProcess process = ManagedProcess.start("kafka", command, Map.of(), dataDir, logFile, runDir, true);
            KafkaBroker broker = new KafkaBroker(process, port);
            broker.awaitReady();
            broker.createTopics();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Kafka: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Creates every topic of ARCHITECTURE.md and its dead-letter topic; existing topics are left alone. */
    public void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = TopicPlan.all().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(KafkaBroker::newTopic)
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics: " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(TopicPlan.Topic topic) {
        NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) 1);
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private void awaitReady() {
        Waits.until("Kafka on port " + port, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue().orElse(-1)
                        + "; see its log");
            }
            try (Admin admin = admin()) {
                return !admin.describeCluster().nodes().get().isEmpty();
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    private static void format(String classpath, Path config, Path dataDir, Path logFile) throws IOException {
        List<String> command = List.of(Jvm.java(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool",
                "format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c", config.toString(), "--ignore-formatted");
        try {
            Process format = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (format.waitFor() != 0) {
                throw new IllegalStateException("Kafka storage format failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by parley-infra on every start");
        }
        return file;
    }

    private static Path writeLogConfig(Path dataDir) throws IOException {
        Path file = dataDir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "appender.out.type=Console", "appender.out.name=out",
                "appender.out.layout.type=PatternLayout", "appender.out.layout.pattern=%d{ISO8601} %p [%c{1}] %m%n",
                "rootLogger.level=WARN", "rootLogger.appenderRef.out.ref=out",
                "logger.server.name=kafka.server.KafkaRaftServer", "logger.server.level=INFO", ""));
        return file;
    }

    private static String brokerClasspath() {
        URL resource = KafkaBroker.class.getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build platform/kafka-broker first");
        }
        try (InputStream in = resource.openStream()) {
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return ownLocation(resource) + ":" + dependencies;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read " + CLASSPATH_RESOURCE, e);
        }
    }

    /** The jar or classes directory of parley-kafka-broker, which holds {@code BrokerMain}. */
    private static String ownLocation(URL resource) throws URISyntaxException {
        String url = resource.toString();
        if (url.startsWith("jar:")) {
            return Path.of(new java.net.URI(url.substring(4, url.indexOf("!/")))).toString();
        }
        return Path.of(resource.toURI()).getParent().getParent().toString();
    }
}
