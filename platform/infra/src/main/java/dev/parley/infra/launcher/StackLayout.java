package dev.parley.infra.launcher;

import java.nio.file.Path;

/** The files of a local stack under {@code <root>/.parley}. */
record StackLayout(Path root) {

    Path home() {
        return root.resolve(".parley");
    }

    Path dataDir() {
        return home().resolve("data");
    }

    Path keycloakDir() {
        return home().resolve("keycloak");
    }

    Path logDir() {
        return home().resolve("logs");
    }

    Path runDir() {
        return home().resolve("run");
    }

    Path launcherPidFile() {
        return home().resolve("launcher.pid");
    }

    Path stackFile() {
        return home().resolve("stack.properties");
    }

    Path readyFile() {
        return home().resolve("ready");
    }
}
