package dev.parley.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak from its Maven Central distribution, realm {@code parley} imported from this module's resources.
 *
 * <p>The first start builds Keycloak's optimised server (about a minute); later starts of the same install take
 * about 12 s. The dev-file database lives inside the install directory, so data survives restarts.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "parley";
    private static final String REALM_RESOURCE = "/keycloak/parley-realm.json";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final ManagedProcess process;
    private final int port;

    private Keycloak(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Keycloak start(Path installDir, int port, Path logFile, Path runDir) {
        install(installDir);
        List<String> command = List.of(installDir.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--hostname=http://127.0.0.1:" + port,
                "--import-realm");
        Map<String, String> env = Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_APPEND", "-Dparley.process=keycloak",
                "JAVA_HOME", System.getProperty("java.home"));
        ManagedProcess process = ManagedProcess.start("keycloak", command, env, installDir, logFile, runDir, false);
        Keycloak keycloak = new Keycloak(process, port);
        Waits.until("Keycloak on port " + port, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see " + logFile);
            }
            return Http.ok(keycloak.issuer() + "/.well-known/openid-configuration");
        });
        return keycloak;
    }

    /** The issuer (and Quarkus {@code auth-server-url}) of realm parley. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Unpacks the distribution once and (re)places the realm file for import. */
    static void install(Path installDir) {
        try {
            if (!Files.exists(installDir.resolve("bin/kc.sh"))) {
                unzip(distributionZip(), installDir);
            }
            Path importDir = Files.createDirectories(installDir.resolve("data/import"));
            try (InputStream realm = Keycloak.class.getResourceAsStream(REALM_RESOURCE)) {
                if (realm == null) {
                    throw new IllegalStateException(REALM_RESOURCE + " missing from parley-infra");
                }
                Files.copy(realm, importDir.resolve("parley-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot install Keycloak in " + installDir + ": " + e.getMessage(), e);
        }
    }

    private static Path distributionZip() throws IOException {
        Properties props = new Properties();
        try (InputStream in = Keycloak.class.getResourceAsStream("/parley/infra.properties")) {
            props.load(in);
        }
        Path zip = Path.of(props.getProperty("keycloak.zip"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution not found at " + zip
                    + "; build parley-infra with Maven, which downloads it");
        }
        return zip;
    }

    /** Unzips, dropping the archive's top-level directory, and keeps the scripts executable. */
    private static void unzip(Path zip, Path target) throws IOException {
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking");
        FileTrees.delete(staging);
        Files.createDirectories(staging);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                Path out = staging.resolve(name).normalize();
                if (name.isEmpty() || !out.startsWith(staging)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (var scripts = Files.list(staging.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        // Only a crashed unpacking leaves a target without bin/kc.sh; it holds nothing worth keeping.
        FileTrees.delete(target);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
