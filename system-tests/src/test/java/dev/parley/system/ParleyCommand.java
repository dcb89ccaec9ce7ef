package dev.parley.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./parley} as a user would, against a stack of its own (own state directory and ports). */
final class ParleyCommand {

    record Result(int exitCode, String output) {
    }

    private final Path root;
    private final Map<String, String> env;

    ParleyCommand(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    /**
     * {@code ./parley} for a stack of its own that uses the built packages as they are: state in {@code state},
     * services from {@code portBase} up, Keycloak on {@code keycloak}, Kafka on {@code kafka} (its controller on the
     * next port), PostgreSQL on {@code postgres}; {@code extra} is added to the environment.
     */
    static ParleyCommand ownStack(Path root, Path state, int portBase, int keycloak, int kafka, int postgres,
                                  Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PARLEY_STATE_DIR", state.toString(),
                "PARLEY_SKIP_BUILD", "1",
                "PARLEY_SERVICE_PORT_BASE", Integer.toString(portBase),
                "PARLEY_KEYCLOAK_PORT", Integer.toString(keycloak),
                "PARLEY_KAFKA_PORT", Integer.toString(kafka),
                "PARLEY_KAFKA_CONTROLLER_PORT", Integer.toString(kafka + 1),
                "PARLEY_POSTGRES_PORT", Integer.toString(postgres)));
        env.putAll(extra);
        return new ParleyCommand(root, Map.copyOf(env));
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("parley").toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("parley-cmd", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            "/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(6, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./parley " + String.join(" ", args) + " did not finish in 6 minutes");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            System.out.println("$ ./parley " + String.join(" ", args) + "\n" + output);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
