package dev.parley.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the parts of a running stack listen; saved to .parley/stack.properties for later commands. */
public record StackConfig(int postgresPort, int kafkaPort, int kafkaControllerPort, int keycloakPort,
                          int servicePortBase, String databasePassword, boolean seedDemo) {

    /** The local stack's ports, each overridable through the environment. */
    public static StackConfig localDefaults() {
        return new StackConfig(env("PARLEY_POSTGRES_PORT", 15432), env("PARLEY_KAFKA_PORT", 19092),
                env("PARLEY_KAFKA_CONTROLLER_PORT", 19093), env("PARLEY_KEYCLOAK_PORT", 8180),
                env("PARLEY_SERVICE_PORT_BASE", 8081), "parley", true);
    }

    /** config-service listens on the base port, routing-service on base + 1, ..., survey-service on base + 4. */
    public int servicePort(String service) {
        int index = ServiceProcess.SERVICES.indexOf(service);
        if (index < 0) {
            throw new IllegalArgumentException("unknown service " + service + "; one of " + ServiceProcess.SERVICES);
        }
        return servicePortBase + index;
    }

    public String issuer() {
        return "http://127.0.0.1:" + keycloakPort + "/realms/" + Keycloak.REALM;
    }

    public void save(Path file) {
        Properties p = new Properties();
        p.setProperty("postgres.port", Integer.toString(postgresPort));
        p.setProperty("kafka.port", Integer.toString(kafkaPort));
        p.setProperty("kafka.controller.port", Integer.toString(kafkaControllerPort));
        p.setProperty("keycloak.port", Integer.toString(keycloakPort));
        p.setProperty("service.port.base", Integer.toString(servicePortBase));
        p.setProperty("database.password", databasePassword);
        p.setProperty("seed.demo", Boolean.toString(seedDemo));
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "the running Parley stack");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    public static StackConfig load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("no running stack (" + file + " missing): ./parley up first", e);
        }
        return new StackConfig(Integer.parseInt(p.getProperty("postgres.port")),
                Integer.parseInt(p.getProperty("kafka.port")),
                Integer.parseInt(p.getProperty("kafka.controller.port")),
                Integer.parseInt(p.getProperty("keycloak.port")),
                Integer.parseInt(p.getProperty("service.port.base")), p.getProperty("database.password"),
                Boolean.parseBoolean(p.getProperty("seed.demo")));
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
