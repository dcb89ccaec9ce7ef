package dev.parley.infra.launcher;

import java.nio.file.Path;

/** The files of a local stack under {@code <root>/.parley}. */
record StackLayout(Path root) {

    /** {@code .parley} under the project, or {@code PARLEY_STATE_DIR} (tests run a stack beside a developer's). */
    Path home() {
        String override = System.getenv("PARLEY_STATE_DIR");
        return override == null || override.isBlank() ? root.resolve(".parley") : Path.of(override);
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
