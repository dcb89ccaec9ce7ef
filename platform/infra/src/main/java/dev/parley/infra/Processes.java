package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Operations on OS processes by pid: stop politely, then forcibly, and clean up what a crash left behind. */
public final class Processes {

    private Processes() {
    }

    public static void terminate(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            handle.destroyForcibly();
        }
        // Wrapper scripts (kc.sh) may leave a child behind when they are killed.
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Sends SIGINT, PostgreSQL's "fast shutdown", and waits. */
    public static void interrupt(long pid, Duration grace) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }

    /** The process behind a pid file, if it still runs and its command line contains {@code marker}. */
    public static Optional<ProcessHandle> liveProcess(Path pidFile, String marker) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Kills every still-running process recorded in {@code runDir}/*.pid and removes the pid files. */
    public static List<String> killStale(Path runDir) {
        List<String> killed = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return killed;
        }
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path pidFile : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String name = pidFile.getFileName().toString().replace(".pid", "");
                liveProcess(pidFile, "parley.process=").ifPresent(h -> {
                    terminate(h, Duration.ofSeconds(10));
                    killed.add(name + " (pid " + h.pid() + ")");
                });
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + runDir, e);
        }
        return killed;
    }
}
