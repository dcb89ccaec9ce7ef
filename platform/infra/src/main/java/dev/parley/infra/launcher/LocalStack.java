package dev.parley.infra.launcher;

import dev.parley.infra.KafkaBroker;
import dev.parley.infra.Keycloak;
import dev.parley.infra.Ports;
import dev.parley.infra.Postgres;
import dev.parley.infra.Processes;
import dev.parley.infra.ServiceProcess;
import dev.parley.infra.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Starts the whole local stack in dependency order, and stops it in reverse order on Ctrl-C or SIGTERM. */
final class LocalStack {

    private final StackLayout layout;
    private final StackConfig config;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Postgres postgres;
    private volatile KafkaBroker kafka;
    private volatile Keycloak keycloak;

    LocalStack(StackLayout layout, StackConfig config) {
        this.layout = layout;
        this.config = config;
    }

    void runUntilStopped() {
        long started = System.nanoTime();
        prepare();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "parley-stop"));
        try {
            start();
        } catch (RuntimeException e) {
            System.err.println("parley: start failed: " + e.getMessage() + " (logs in " + layout.logDir() + ")");
            System.exit(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        config.save(layout.stackFile());
        new StatusReport(layout).printReady(seconds);
        touch(layout.readyFile());
        awaitStop();
    }

    /** Clears what a killed earlier run left behind and refuses to start twice. */
    private void prepare() {
        Processes.liveProcess(layout.launcherPidFile(), "parley.process=launcher").ifPresent(h -> {
            throw new IllegalStateException("a stack is already running (launcher pid " + h.pid()
                    + "): ./parley down first");
        });
        Processes.killStale(layout.runDir()).forEach(p -> System.out.println("cleaned up stale " + p));
        try {
            Files.createDirectories(layout.runDir());
            Files.deleteIfExists(layout.readyFile());
            Files.writeString(layout.launcherPidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + layout.home(), e);
        }
        List<Integer> ports = new ArrayList<>(List.of(config.kafkaPort(), config.kafkaControllerPort(),
                config.keycloakPort()));
        ServiceProcess.SERVICES.forEach(s -> ports.add(config.servicePort(s)));
        ports.stream().filter(Ports::inUse).findFirst().ifPresent(p -> {
            throw new IllegalStateException("port " + p + " is in use by another program");
        });
    }

    private void start() {
        System.out.println("starting PostgreSQL, Kafka and Keycloak ...");
        CompletableFuture<Void> kc = CompletableFuture.runAsync(() -> keycloak = Keycloak.start(
                layout.keycloakDir(), config.keycloakPort(), layout.logDir().resolve("keycloak.log"),
                layout.runDir()));
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> kafka = KafkaBroker.start(
                layout.dataDir().resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort(),
                layout.logDir().resolve("kafka.log"), layout.runDir()));
        postgres = Postgres.start(layout.dataDir().resolve("postgres"), config.postgresPort(),
                layout.logDir().resolve("postgres.log"));
        ServiceProcess.SERVICES.forEach(s -> postgres.ensureDatabase(ServiceProcess.database(s),
                config.databasePassword()));
        broker.join();
        System.out.println("starting the services ...");
        for (String service : ServiceProcess.SERVICES) {
            services.add(ServiceProcess.start(layout.root(), service, config.servicePort(service), config,
                    layout.logDir(), layout.runDir()));
        }
        services.forEach(ServiceProcess::awaitReady);
        kc.join();
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Services first (they hold connections), then Keycloak, Kafka, PostgreSQL. */
    private void stop() {
        System.out.println("stopping ...");
        services.parallelStream().forEach(ServiceProcess::close);
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        Processes.killStale(layout.runDir());
        try {
            Files.deleteIfExists(layout.readyFile());
            Files.deleteIfExists(layout.launcherPidFile());
        } catch (IOException ignored) {
            // Stale files are recognised as such by the next start.
        }
        System.out.println("stopped");
        stopped.countDown();
    }

    private static void touch(java.nio.file.Path file) {
        try {
            Files.writeString(file, "ready");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
