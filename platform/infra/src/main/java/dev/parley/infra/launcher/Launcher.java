package dev.parley.infra.launcher;

import dev.parley.infra.Processes;
import dev.parley.infra.ServiceProcess;
import dev.parley.infra.StackConfig;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./parley up | down | status | instance SERVICE PORT}: runs Parley locally on real Kafka, PostgreSQL and
 * Keycloak started from Maven artifacts. State lives in {@code .parley/} (data, logs, pid files).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath().normalize();
        StackLayout layout = new StackLayout(root);
        String command = args.length == 0 ? "help" : args[0];
        try {
            switch (command) {
                case "up" -> new LocalStack(layout, StackConfig.localDefaults()).runUntilStopped();
                case "down" -> down(layout);
                case "status" -> new StatusReport(layout).print();
                case "instance" -> instance(layout, Arrays.copyOfRange(args, 1, args.length));
                default -> usage();
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("parley: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void down(StackLayout layout) {
        var launcher = Processes.liveProcess(layout.launcherPidFile(), "parley.process=launcher");
        launcher.ifPresent(h -> {
            System.out.println("stopping the stack (launcher pid " + h.pid() + ") ...");
            Processes.terminate(h, java.time.Duration.ofSeconds(90));
        });
        var leftovers = Processes.killStale(layout.runDir());
        leftovers.forEach(p -> System.out.println("stopped " + p));
        System.out.println(launcher.isEmpty() && leftovers.isEmpty() ? "nothing was running" : "stopped");
    }

    private static void instance(StackLayout layout, String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: parley instance SERVICE PORT, e.g. conversation-service 8093");
        }
        StackConfig config = StackConfig.load(layout.stackFile());
        int port = Integer.parseInt(args[1]);
        ServiceProcess instance = ServiceProcess.start(layout.root(), args[0], port, config, layout.logDir(),
                layout.runDir());
        instance.awaitReady();
        System.out.println(args[0] + " instance ready at " + instance.baseUrl() + " (pid " + instance.process().pid()
                + "); ./parley down stops it with the stack");
    }

    private static void usage() {
        System.out.println("""
                usage: ./parley up [-d]                 start everything (-d: in the background)
                       ./parley down                    stop a stack started with -d (and any leftovers)
                       ./parley status                  what runs where
                       ./parley instance SERVICE PORT   one more instance of a service, e.g. conversation-service 8093
                """);
    }
}
