package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.infra.FileTrees;
import dev.parley.infra.Http;
import dev.parley.infra.KafkaBroker;
import dev.parley.infra.ManagedProcess;
import dev.parley.infra.Ports;
import dev.parley.infra.Postgres;
import dev.parley.infra.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantee across processes: two conversation-service instances (the packaged fast-jar) on one
 * PostgreSQL and one Kafka broker; the visitor on instance A, the agent on instance B; 1,000 messages each way while
 * instance A is killed with SIGKILL and restarted, or the Kafka broker is. Clients reconnect with hello/resume and
 * retry unacknowledged sends with the same clientMsgId. Every acknowledged message must arrive exactly once, in seq
 * order, on both sides.
 *
 * <p>Agent tokens: the instances get {@code quarkus.oidc.public-key} (a key pair this test generates), the standard
 * Quarkus OIDC setting for local verification; production configuration is untouched.
 */
class TwoInstancesKillIT {

    static final int MESSAGES = 1000;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path scratch;
    static Postgres postgres;
    static KafkaBroker kafka;
    static int kafkaPort;
    static int kafkaControllerPort;
    static RsaJsonWebKey oidcKey;
    static final Map<Integer, ManagedProcess> instances = new HashMap<>();

    @BeforeAll
    static void infrastructure() throws Exception {
        scratch = Files.createTempDirectory("conversation-it-");
        kafkaPort = Ports.free();
        kafkaControllerPort = Ports.free();
        kafka = KafkaBroker.start(scratch.resolve("kafka"), kafkaPort, kafkaControllerPort,
                scratch.resolve("kafka.log"), null);
        postgres = Postgres.start(scratch.resolve("postgres"), Ports.free());
        postgres.ensureDatabase("conversation", "parley");
        oidcKey = RsaJwkGenerator.generateJwk(2048);
        oidcKey.setKeyId("it");
    }

    @AfterAll
    static void tearDown() throws Exception {
        instances.values().forEach(p -> p.stop(Duration.ofSeconds(10)));
        instances.clear();
        Path logs = Files.createDirectories(Path.of("target/it-logs"));
        try (var files = Files.list(scratch)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(scratch.getFileName() + "-" + log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        FileTrees.delete(scratch);
    }

    static ManagedProcess start(int port) {
        return start(port, Map.of());
    }

    /** An instance with {@code settings} (environment variables) over the tests' defaults. */
    static ManagedProcess start(int port, Map<String, String> settings) {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_USERNAME", "conversation");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "parley");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("conversation"));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("conversation"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("PARLEY_INSTANCE_ID", "conversation-" + port);
        env.put("PARLEY_LIMITS_VISITOR_MESSAGES_PER_MINUTE", "1000000");
        env.put("PARLEY_DELIVERY_SWEEP_INTERVAL", "PT1S");
        env.putAll(settings);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        // The heap and collector: the deployment's (256 MB, SerialGC) unless a benchmark sizes them
        // (-Dit.instance.memory="-Xms1g -Xmx1g -XX:+UseParallelGC").
        command.addAll(List.of(System.getProperty("it.instance.memory", "-Xmx256m -XX:+UseSerialGC").split(" ")));
        command.addAll(List.of("-Dparley.process=conversation-it-" + port, "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(oidcKey.getPublicKey().getEncoded())));
        // Benchmarks may add JVM options (a profiler, for instance): -Dit.instance.jvm-args="-X… -X…" ({port} = port).
        for (String arg : System.getProperty("it.instance.jvm-args", "").split(" ")) {
            if (!arg.isBlank()) {
                command.add(arg.replace("{port}", Integer.toString(port)));
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ManagedProcess process = ManagedProcess.start("conversation-" + port, command, env,
                scratch, scratch.resolve("conversation-" + port + ".log"), null, false);
        instances.put(port, process);
        Waits.until("conversation-service on " + port, Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance exited; see " + scratch.resolve("conversation-" + port
                        + ".log"));
            }
            return Http.ok("http://127.0.0.1:" + port + "/q/health/ready");
        });
        return process;
    }

    static String agentToken() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("d0000000-0000-4000-8000-000000000011");
        claims.setIssuer("parley-it");
        claims.setExpirationTimeMinutesInTheFuture(30);
        claims.setIssuedAtToNow();
        claims.setClaim("portal_id", "demo");
        claims.setClaim("name", "Ada Agent");
        claims.setClaim("realm_access", Map.of("roles", List.of("agent")));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(oidcKey.getPrivateKey());
        jws.setKeyIdHeaderValue("it");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    static String visitorToken(int port, String chatflowId) {
        String body = "{\"portalId\":\"demo\",\"chatflowId\":\"" + chatflowId + "\"}";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/widget/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return WsClient.JSON.readTree(r.body()).get("token").asText();
                }
                Thread.sleep(200);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no widget session: the chatflow never reached the catalog");
    }

    @Test
    void killMinus9OfTheVisitorsInstanceLosesNothing() throws Exception {
        run(() -> {
            ManagedProcess a = instances.get(portA);
            ProcessHandle.of(a.pid()).ifPresent(ProcessHandle::destroyForcibly);
            Waits.until("instance A dead", Duration.ofSeconds(10), () -> !a.isAlive());
            start(portA);
        });
    }

    @Test
    void killMinus9OfTheKafkaBrokerLosesNothing() throws Exception {
        run(() -> {
            ProcessHandle.of(kafka.process().pid()).ifPresent(ProcessHandle::destroyForcibly);
            Waits.until("Kafka dead", Duration.ofSeconds(10), () -> !kafka.process().isAlive());
            kafka = KafkaBroker.start(scratch.resolve("kafka"), kafkaPort, kafkaControllerPort,
                    scratch.resolve("kafka.log"), null);
        });
    }

    static int portA;
    static int portB;

    void run(Runnable fault) throws Exception {
        if (instances.isEmpty()) {
            portA = Ports.free();
            portB = Ports.free();
            start(portA);
            start(portB);
        }
        String chatflowId = UUID.randomUUID().toString();
        TestChatflows.publish(kafka.bootstrapServers(), "demo", chatflowId, 1,
                TestChatflows.settings(null, null, "NEVER", false));
        String visitorToken = visitorToken(portA, chatflowId);
        Party visitor = new Party("v", () -> WsClient.connect(URI.create("ws://127.0.0.1:" + portA
                + "/ws/visitor?token=" + visitorToken)), null);
        WsClient first = visitor.connect(null);
        first.send("{\"type\":\"start\",\"chatflowId\":\"" + chatflowId + "\",\"ref\":\"s\"}");
        String conversationId = first.await(WsClient.ref("ack", "s"), WAIT).get("conversationId").asText();
        visitor.conversationId = conversationId;
        String agentToken = agentToken();
        Party agent = new Party("a", () -> WsClient.connect(URI.create("ws://127.0.0.1:" + portB + "/ws/agent")),
                agentToken);
        agent.conversationId = conversationId;
        agent.connect(0L);

        AtomicBoolean faulted = new AtomicBoolean();
        long began = System.nanoTime();
        CompletableFuture<Void> visitorSends = CompletableFuture.runAsync(() -> visitor.sendAll(MESSAGES));
        CompletableFuture<Void> agentSends = CompletableFuture.runAsync(() -> agent.sendAll(MESSAGES));
        Waits.until("a third of the stream", WAIT, () -> visitor.acked.size() >= MESSAGES / 3
                || visitorSends.isDone());
        fault.run();
        faulted.set(true);
        visitorSends.join();
        agentSends.join();

        long total = 2L * MESSAGES;
        System.out.printf("sent and acked in %d ms%n", (System.nanoTime() - began) / 1_000_000);
        for (Party p : List.of(visitor, agent)) {
            try {
                Waits.until(p.name + " receives all " + total, WAIT, () -> {
                    p.ensureConnected();
                    return p.received().size() >= total;
                });
            } catch (RuntimeException e) {
                throw new AssertionError(p.describe(), e);
            }
        }
        System.out.printf("received everything after %d ms%n", (System.nanoTime() - began) / 1_000_000);
        // A barrier, not a quiet period: one more message after everything arrived. Each socket delivers in seq
        // order, so a late duplicate of an earlier message shows up before it (or after it, out of order): either
        // way the exact sequence below catches it.
        WsClient last = visitor.current();
        last.send("{\"type\":\"message\",\"conversationId\":\"" + conversationId
                + "\",\"clientMsgId\":\"barrier\",\"text\":\"barrier\",\"ref\":\"barrier\"}");
        last.await(WsClient.ref("ack", "barrier"), WAIT);
        long withBarrier = total + 1;
        for (Party p : List.of(visitor, agent)) {
            Waits.until(p.name + " receives the barrier", WAIT, () -> {
                p.ensureConnected();
                return p.received().size() >= withBarrier;
            });
        }
        for (Party p : List.of(visitor, agent)) {
            List<Long> seqs = p.received().stream().map(f -> f.get("seq").asLong()).toList();
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= withBarrier; s++) {
                expected.add(s);
            }
            if (!seqs.equals(expected)) {
                throw new AssertionError(p.name + " does not see every seq once, in order: " + p.describe());
            }
            List<String> ids = p.received().stream().map(f -> f.path("clientMsgId").asText()).toList();
            assertThat(ids).containsAll(visitor.acked.keySet()).containsAll(agent.acked.keySet());
        }
        assertThat(visitor.acked).hasSize(MESSAGES);
        assertThat(agent.acked).hasSize(MESSAGES);
        assertThat(faulted).isTrue();
        visitor.close();
        agent.close();
    }

    /** One side of the chat: its socket (replaced on reconnect), what it received, and its acked sends. */
    static final class Party {
        static final int WINDOW = 16;
        final String name;
        final java.util.function.Supplier<WsClient> connector;
        final String agentToken;
        final Map<String, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
        final List<WsClient> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String conversationId;

        Party(String name, java.util.function.Supplier<WsClient> connector, String agentToken) {
            this.name = name;
            this.connector = connector;
            this.agentToken = agentToken;
        }

        /** Every message frame of every socket, in the order the sockets were opened. */
        List<JsonNode> received() {
            List<JsonNode> all = new ArrayList<>();
            // Agents also receive the other unassigned conversations of their portal (an earlier test's): only this one.
            sockets.forEach(s -> s.ofType("message").stream()
                    .filter(f -> f.path("conversationId").asText().equals(conversationId)).forEach(all::add));
            return all;
        }

        String describe() {
            List<Long> seqs = received().stream().map(f -> f.get("seq").asLong()).toList();
            long gapAt = -1;
            for (int i = 0; i < seqs.size(); i++) {
                if (seqs.get(i) != i + 1) {
                    gapAt = i;
                    break;
                }
            }
            return name + ": " + seqs.size() + " received over " + sockets.size() + " sockets, last "
                    + lastSeq() + ", first mismatch at index " + gapAt + " around "
                    + seqs.subList(Math.max(0, (int) gapAt - 3), Math.min(seqs.size(), (int) gapAt + 3))
                    + ", current open " + (current() != null && current().isOpen()) + ", per socket "
                    + sockets.stream().map(s -> {
                        List<JsonNode> m = s.ofType("message");
                        return m.isEmpty() ? "0" : m.size() + " (" + m.get(0).get("seq") + ".."
                                + m.get(m.size() - 1).get("seq") + ")";
                    }).toList();
        }

        long lastSeq() {
            List<JsonNode> r = received();
            return r.isEmpty() ? 0 : r.get(r.size() - 1).get("seq").asLong();
        }

        synchronized WsClient current() {
            return sockets.isEmpty() ? null : sockets.get(sockets.size() - 1);
        }

        synchronized WsClient connect(Long resumeFrom) {
            WsClient old = current();
            if (old != null) {
                old.close();
            }
            WsClient ws = connector.get();
            sockets.add(ws);
            if (agentToken != null) {
                ws.send("{\"type\":\"auth\",\"token\":\"" + agentToken + "\",\"ref\":\"auth\"}");
                ws.await(WsClient.ref("ack", "auth"), Duration.ofSeconds(10));
            }
            if (resumeFrom != null) {
                ws.send("{\"type\":\"hello\",\"resume\":{\"" + conversationId + "\":" + resumeFrom
                        + "},\"ref\":\"hello\"}");
                ws.await(WsClient.ref("ack", "hello"), Duration.ofSeconds(10));
            }
            return ws;
        }

        synchronized void ensureConnected() {
            WsClient ws = current();
            if (ws == null || !ws.isOpen()) {
                reconnect();
            }
        }

        synchronized void reconnect() {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    // Replaying from the last seq this party saw: the old socket is closed first, so no frame of
                    // it arrives after the new socket's replay.
                    WsClient old = current();
                    if (old != null) {
                        old.close();
                    }
                    connect(lastSeq());
                    return;
                } catch (RuntimeException | AssertionError e) {
                    sleep(300);
                }
            }
            throw new AssertionError(name + " could not reconnect");
        }

        /**
         * Sends {@code count} messages with up to {@link #WINDOW} unacknowledged at a time; whatever is unacknowledged
         * when the socket dies (or after 5 s) is sent again, with the same clientMsgId, on the next socket.
         */
        void sendAll(int count) {
            java.util.TreeSet<Integer> waiting = new java.util.TreeSet<>();
            for (int i = 0; i < count; i++) {
                waiting.add(i);
            }
            Map<Integer, Long> inflight = new HashMap<>();
            WsClient on = null;
            int scanned = 0;
            String prefix = "m-" + name + "-";
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (!waiting.isEmpty() || !inflight.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + ": unacknowledged " + waiting + " " + inflight.keySet());
                }
                WsClient ws;
                try {
                    ensureConnected();
                    ws = current();
                } catch (RuntimeException | AssertionError e) {
                    sleep(200);
                    continue;
                }
                if (ws != on) {
                    waiting.addAll(inflight.keySet());
                    inflight.clear();
                    on = ws;
                    scanned = 0;
                }
                for (; scanned < ws.frames.size(); scanned++) {
                    JsonNode f = ws.frames.get(scanned);
                    String ref = f.path("ref").asText();
                    if (!ref.startsWith(prefix)) {
                        continue;
                    }
                    int i = Integer.parseInt(ref.substring(prefix.length()));
                    if (inflight.remove(i) == null) {
                        continue;
                    }
                    if ("ack".equals(f.path("type").asText())) {
                        acked.put(name + "-" + i, f.get("seq").asLong());
                    } else {
                        waiting.add(i);
                    }
                }
                long now = System.nanoTime();
                inflight.entrySet().removeIf(e -> {
                    boolean late = now - e.getValue() > Duration.ofSeconds(5).toNanos();
                    if (late) {
                        waiting.add(e.getKey());
                    }
                    return late;
                });
                try {
                    while (inflight.size() < WINDOW && !waiting.isEmpty()) {
                        int i = waiting.pollFirst();
                        inflight.put(i, System.nanoTime());
                        String id = name + "-" + i;
                        ws.send("{\"type\":\"message\",\"conversationId\":\"" + conversationId
                                + "\",\"clientMsgId\":\"" + id + "\",\"text\":\"" + id + "\",\"ref\":\"" + prefix + i
                                + "\"}");
                    }
                } catch (RuntimeException e) {
                    ws.close();
                }
                sleep(2);
            }
        }

        void close() {
            sockets.forEach(WsClient::close);
        }

        static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
