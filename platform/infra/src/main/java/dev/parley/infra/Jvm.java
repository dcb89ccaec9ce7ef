package dev.parley.infra;

import java.nio.file.Path;

/** The java executable of the running JVM, so children run on the same Java as their parent. */
final class Jvm {

    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
