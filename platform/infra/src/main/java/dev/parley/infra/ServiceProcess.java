package dev.parley.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One instance of a Parley service, run from its Quarkus fast-jar as a separate JVM. */
public final class ServiceProcess implements AutoCloseable {

    public static final List<String> SERVICES = List.of("config-service", "routing-service",
            "conversation-service", "consent-service", "survey-service");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String service;
    private final int port;
    private final ManagedProcess process;

    private ServiceProcess(String service, int port, ManagedProcess process) {
        this.service = service;
        this.port = port;
        this.process = process;
    }

    /** The database (and role) of a service: config-service keeps its tables in database "config". */
    public static String database(String service) {
        return service.replace("-service", "");
    }

    /** The heap and collector of deploy/ (common.env); a benchmark may pass others in {@code parley.service.memory}. */
    static final String DEPLOYED_MEMORY = "-Xms64m -Xmx256m -XX:+UseSerialGC";

    /** Starts without waiting; {@link #awaitReady()} waits for /q/health/ready. */
    public static ServiceProcess start(Path root, String service, int port, StackConfig stack, Path logDir,
                                       Path runDir) {
        Path jar = root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests");
        }
        String name = port == stack.servicePort(service) ? service : service + "-" + port;
        List<String> command = new ArrayList<>();
        command.add(Jvm.java());
        String memory = System.getProperty("parley.service.memory", "");
        command.addAll(List.of((memory.isBlank() ? DEPLOYED_MEMORY : memory).trim().split("\\s+")));
        command.addAll(List.of("-Dparley.process=" + name, "-jar", jar.toString()));
        ManagedProcess process = ManagedProcess.start(name, command, environment(service, port, stack), root,
                logDir.resolve(name + ".log"), runDir, false);
        return new ServiceProcess(service, port, process);
    }

    private static Map<String, String> environment(String service, int port, StackConfig stack) {
        String db = database(service);
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_USERNAME", db);
        env.put("QUARKUS_DATASOURCE_PASSWORD", stack.databasePassword());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/" + db);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + stack.postgresPort() + "/" + db);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + stack.kafkaPort());
        env.put("PARLEY_OIDC_URL", stack.issuer());
        env.put("PARLEY_INSTANCE_ID", service + "-" + port);
        env.put("PARLEY_SEED_DEMO", Boolean.toString(stack.seedDemo()));
        // consent-service verifies visitor tokens against conversation-service's JWKS.
        env.put("PARLEY_CONVERSATION_URL", "http://127.0.0.1:" + stack.servicePort("conversation-service"));
        return env;
    }

    public void awaitReady() {
        Waits.until(service + " on port " + port, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited; see its log");
            }
            return Http.ok(baseUrl() + "/q/health/ready");
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String service() {
        return service;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
