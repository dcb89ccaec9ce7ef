package dev.parley.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 16 server from the binaries that zonky ships in a Maven artifact; works on any machine with Java.
 *
 * <p>Each service gets its own role and database ({@link #ensureDatabase}): no service can read another's tables.
 */
public final class Postgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** As {@link #start(Path, int, Path)}, logging to {@code postgres.log} beside the data directory. */
    public static Postgres start(Path dataDir, int port) {
        return start(dataDir, port, dataDir.resolveSibling("postgres.log"));
    }

    /**
     * Starts a server keeping its data in {@code dataDir} (initialised on first use, kept across restarts); its
     * output goes to {@code logFile}.
     */
    public static Postgres start(Path dataDir, int port, Path logFile) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            stopOrphan(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            String explainMillis = System.getProperty("parley.pg.auto-explain", "");
            List<String> libraries = new ArrayList<>();
            if (!explainMillis.isBlank()) {
                // Benchmarks: the plan of every statement slower than this many milliseconds goes to the log.
                libraries.add("auto_explain");
                builder.setServerConfig("auto_explain.log_min_duration", explainMillis)
                        .setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("auto_explain.log_timing", "off");
            }
            if (Boolean.getBoolean("parley.pg.stat-statements")) {
                // Benchmarks: planning and execution time per statement, kept in the data directory at shutdown
                // (read it with the extension's view: create extension pg_stat_statements).
                libraries.add("pg_stat_statements");
                builder.setServerConfig("pg_stat_statements.track_planning", "on")
                        .setServerConfig("pg_stat_statements.max", "1000");
            }
            if (!libraries.isEmpty()) {
                builder.setServerConfig("shared_preload_libraries", String.join(",", libraries));
            }
            builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("log_min_duration_statement", System.getProperty("parley.pg.log-statements", "-1"))
                    .setOutputRedirector(log)
                    .setErrorRedirector(log);
            // Benchmarks: further server settings (applied last, so they override the ones above), e.g.
            // -Dparley.pg.config=log_autovacuum_min_duration=0,work_mem=8MB (no commas inside a value).
            for (String setting : System.getProperty("parley.pg.config", "").split(",")) {
                String[] kv = setting.split("=", 2);
                if (kv.length == 2) {
                    builder.setServerConfig(kv[0].trim(), kv[1].trim());
                }
            }
            EmbeddedPostgres server = builder.start();
            return new Postgres(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code role} (with {@code password}) and a database of the same name owned by it, if missing. */
    public void ensureDatabase(String name, String password) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", name)) {
                s.execute("create role \"" + name + "\" login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database \"" + name + "\" owner \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public void ensureDatabases(List<String> names, String password) {
        names.forEach(n -> ensureDatabase(n, password));
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A PostgreSQL whose parent was killed keeps running (pg_ctl detaches it) and holds the port and the data
     * directory; stop it before starting anew.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        boolean ours = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
        if (ours) {
            Processes.interrupt(pid, Duration.ofSeconds(20));
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop PostgreSQL: " + e.getMessage(), e);
        }
    }
}
