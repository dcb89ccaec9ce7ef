package dev.parley.routing.stack;

import dev.parley.contracts.events.AgentConnected;
import dev.parley.infra.FileTrees;
import dev.parley.infra.KafkaBroker;
import dev.parley.infra.Ports;
import dev.parley.infra.Postgres;
import dev.parley.infra.ServiceProcess;
import dev.parley.infra.StackConfig;
import dev.parley.infra.Waits;
import dev.parley.routing.EventTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real PostgreSQL, a real Kafka broker and N routing-service processes (the packaged fast-jar), on free ports in
 * a scratch directory: the harness of the multi-instance test and the benchmark. OIDC points at an unused port;
 * everything is driven through Kafka and the test arranges agents directly in the database.
 */
public final class RoutingStack implements AutoCloseable {

    public static final String PASSWORD = "parley";

    private final Path scratch;
    private final Postgres postgres;
    private final KafkaBroker kafka;
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final EventTap tap;

    private RoutingStack(Path scratch, Postgres postgres, KafkaBroker kafka) {
        this.scratch = scratch;
        this.postgres = postgres;
        this.kafka = kafka;
        this.tap = new EventTap(kafka.bootstrapServers());
    }

    public static RoutingStack start(int instanceCount) throws Exception {
        // This JVM's Kafka clients log through JBoss LogManager, which nothing configures here: every logger was at
        // ALL, and the clients formatted a TRACE line per record sent or fetched (about half of what a benchmark
        // allocated; its collector pauses added to the latencies it measured).
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        Path root = Path.of(System.getProperty("parley.root", "../..")).toAbsolutePath().normalize();
        Path scratch = Files.createTempDirectory("parley-routing-stack-");
        Files.createDirectories(scratch.resolve("logs"));
        var broker = CompletableFuture.supplyAsync(() -> KafkaBroker.start(scratch.resolve("kafka"), Ports.free(),
                Ports.free(), scratch.resolve("logs/kafka.log"), null));
        Postgres postgres = Postgres.start(scratch.resolve("postgres"), Ports.free());
        postgres.ensureDatabase("routing", PASSWORD);
        KafkaBroker kafka = broker.join();
        RoutingStack stack = new RoutingStack(scratch, postgres, kafka);
        int kafkaPort = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers()
                .lastIndexOf(':') + 1));
        StackConfig config = new StackConfig(postgres.port(), kafkaPort, 0, Ports.free(), Ports.free(), PASSWORD,
                false);
        for (int i = 0; i < instanceCount; i++) {
            stack.instances.add(ServiceProcess.start(root, "routing-service", Ports.free(), config,
                    scratch.resolve("logs"), null));
        }
        stack.instances.forEach(ServiceProcess::awaitReady);
        return stack;
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("routing"), "routing", PASSWORD);
    }

    public EventTap tap() {
        return tap;
    }

    public List<ServiceProcess> instances() {
        return instances;
    }

    public Path logs() {
        return scratch.resolve("logs");
    }

    /** A portal with {@code count} agents (paid seat, AVAILABLE) of one team, connected; returns their ids. */
    public List<String> agents(String portal, String team, int count, int capacity) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = jdbc()) {
            exec(c, "insert into routing_settings (portal_id, strategy) values (?, 'BALANCED')", portal);
            exec(c, "insert into team (portal_id, id, name) values (?, ?, 'Load')", portal, team);
            for (int i = 0; i < count; i++) {
                String id = String.format("agent-%02d", i);
                exec(c, "insert into agent (portal_id, id, display_name, paid_seat, capacity, status)"
                        + " values (?, ?, ?, true, " + capacity + ", 'AVAILABLE')", portal, id, "Agent " + i);
                exec(c, "insert into team_member (portal_id, team_id, agent_id) values (?, ?, ?)", portal, team, id);
                ids.add(id);
            }
        }
        ids.forEach(id -> tap.send(AgentConnected.of(portal, id, "conversation-1", "socket-" + id)));
        awaitPresent(portal, count);
        return ids;
    }

    /**
     * Waits until routing-service has applied every agent's connection: a phase that started meanwhile would measure
     * the agents logging in (one transaction each, on the portal's lock) along with it.
     */
    private void awaitPresent(String portal, int count) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from agent where portal_id = ? and present and connections > 0")) {
            ps.setString(1, portal);
            Waits.until("agents of " + portal + " present", Duration.ofSeconds(60), () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == count;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static void exec(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        tap.close();
        instances.forEach(ServiceProcess::close);
        kafka.close();
        postgres.close();
        if (!Boolean.getBoolean("parley.keep-logs")) {
            FileTrees.delete(scratch);
        }
    }
}
