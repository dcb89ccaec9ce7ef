package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child process with a name, a log file and a pid file.
 *
 * <p>Every child carries {@code -Dparley.process=<name>} (or is recognisable by its command) so that a later start
 * can tell a stale child of ours from an unrelated process that happens to reuse the pid.
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path pidFile;

    private ManagedProcess(String name, Process process, Path pidFile) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command}. With {@code keepStdinPipe} the child's stdin stays a pipe to us, which children that
     * watch their parent (the Kafka broker) read to notice our death; otherwise stdin is /dev/null.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                       Path logFile, Path runDir, boolean keepStdinPipe) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (!keepStdinPipe) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            Path pidFile = null;
            if (runDir != null) {
                Files.createDirectories(runDir);
                pidFile = runDir.resolve(name + ".pid");
                Files.writeString(pidFile, Long.toString(process.pid()));
            }
            return new ManagedProcess(name, process, pidFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the process to stop (SIGTERM), then kills it after {@code grace}. */
    public void stop(Duration grace) {
        Processes.terminate(process.toHandle(), grace);
        deletePidFile();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    private void deletePidFile() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // A leftover pid file is harmless: the next start checks the process behind it.
            }
        }
    }

    public Optional<Integer> exitValue() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }
}
