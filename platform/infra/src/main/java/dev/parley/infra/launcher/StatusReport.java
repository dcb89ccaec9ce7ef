package dev.parley.infra.launcher;

import dev.parley.infra.Http;
import dev.parley.infra.Processes;
import dev.parley.infra.ServiceProcess;
import dev.parley.infra.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What runs where: printed when the stack is ready, and by {@code ./parley status}. */
final class StatusReport {

    private final StackLayout layout;

    StatusReport(StackLayout layout) {
        this.layout = layout;
    }

    void printReady(double seconds) {
        StackConfig c = StackConfig.load(layout.stackFile());
        System.out.printf("""

                Parley is up in %.1f s.
                %s  (each: /q/swagger-ui, /q/openapi, /q/health, /q/metrics)
                  Keycloak              http://127.0.0.1:%d   (admin console: admin / admin, realm %s)
                  Kafka                 127.0.0.1:%d
                  PostgreSQL            127.0.0.1:%d   (one database and role per service, password %s)
                Demo users (password "parley"): demo-admin, demo-agent-1..3 (portal demo); other-admin, other-agent
                  (portal other). A token:
                  curl -s -d grant_type=password -d client_id=parley-cli -d username=demo-agent-1 -d password=parley \\
                    %s/protocol/openid-connect/token | jq -r .access_token
                Logs: %s   Stop: Ctrl-C (or ./parley down when started with -d)
                %n""", seconds, serviceLines(c), c.keycloakPort(), "parley", c.kafkaPort(), c.postgresPort(), c.databasePassword(),
                c.issuer(), layout.logDir());
    }

    private static String serviceLines(StackConfig c) {
        StringBuilder lines = new StringBuilder();
        for (String service : ServiceProcess.SERVICES) {
            lines.append(String.format("  %-21s http://127.0.0.1:%d%n", service, c.servicePort(service)));
        }
        return lines.toString().stripTrailing();
    }

    void print() {
        boolean launcher = Processes.liveProcess(layout.launcherPidFile(), "parley.process=launcher").isPresent();
        System.out.println("launcher: " + (launcher ? "running" : "not running"));
        if (!Files.isDirectory(layout.runDir())) {
            return;
        }
        try (Stream<Path> files = Files.list(layout.runDir())) {
            files.filter(p -> p.toString().endsWith(".pid")).sorted().forEach(this::printProcess);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + layout.runDir(), e);
        }
    }

    private void printProcess(Path pidFile) {
        String name = pidFile.getFileName().toString().replace(".pid", "");
        var process = Processes.liveProcess(pidFile, "parley.process=");
        String state = process.map(h -> "pid " + h.pid()).orElse("not running (stale pid file)");
        System.out.printf("  %-28s %-24s %s%n", name, state, process.isPresent() ? health(name) : "");
    }

    private String health(String name) {
        String service = ServiceProcess.SERVICES.stream().filter(name::startsWith).findFirst().orElse(null);
        if (service == null) {
            return "";
        }
        int port = name.equals(service) ? StackConfig.load(layout.stackFile()).servicePort(service)
                : Integer.parseInt(name.substring(service.length() + 1));
        String url = "http://127.0.0.1:" + port;
        return url + (Http.ok(url + "/q/health/ready") ? "  ready" : "  NOT ready");
    }
}
