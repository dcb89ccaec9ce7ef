package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.infra.ManagedProcess;
import dev.parley.infra.Ports;
import dev.parley.infra.Waits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-visitor limits hold across instances: two conversation-service instances (the packaged fast-jar) on one
 * PostgreSQL, one visitor with sockets on both. At most 3 sockets (a short lease, so a killed instance's sockets stop
 * counting within seconds) and 20 messages a minute in all — with per-instance limits the visitor would get 6 and 40.
 */
class ClusterLimitsIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Map<String, String> LIMITS = Map.of("PARLEY_LIMITS_SOCKETS_PER_VISITOR", "3",
            "PARLEY_LIMITS_SOCKET_LEASE", "PT3S", "PARLEY_LIMITS_SOCKET_LEASE_RENEW_EVERY", "PT1S",
            "PARLEY_LIMITS_VISITOR_MESSAGES_PER_MINUTE", "20");

    static int portA;
    static int portB;
    static String chatflowId;

    @BeforeAll
    static void infrastructure() throws Exception {
        TwoInstancesKillIT.infrastructure();
        portA = Ports.free();
        portB = Ports.free();
        TwoInstancesKillIT.start(portA, LIMITS);
        TwoInstancesKillIT.start(portB, LIMITS);
        chatflowId = UUID.randomUUID().toString();
        TestChatflows.publish(TwoInstancesKillIT.kafka.bootstrapServers(), "demo", chatflowId, 1,
                TestChatflows.settings(null, null, "NEVER", false));
        TwoInstancesKillIT.visitorToken(portB, chatflowId); // both instances know the chatflow
    }

    @AfterAll
    static void tearDown() throws Exception {
        TwoInstancesKillIT.tearDown();
    }

    static WsClient socket(int port, String token) {
        return WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/visitor?token=" + token));
    }

    /** A ping sent right after the handshake: pong when the socket was admitted, else the error frame's code. */
    static String answerToPing(WsClient socket) {
        try {
            socket.send("{\"type\":\"ping\",\"ref\":\"p\"}");
        } catch (RuntimeException closedAlready) {
            // a refused socket may be closed by the server (after its error frame) before the ping goes out
        }
        JsonNode answer = socket.await(f -> "pong".equals(f.path("type").asText())
                || "error".equals(f.path("type").asText()), WAIT);
        return "pong".equals(answer.path("type").asText()) ? "pong" : answer.path("code").asText();
    }

    /** Opens sockets on {@code port} until one is admitted (the limit frees up asynchronously); how long it took. */
    static Duration admittedWithin(int port, String token, List<WsClient> open) {
        long start = System.nanoTime();
        Waits.until("a socket admitted on " + port, WAIT, () -> {
            WsClient s = socket(port, token);
            if ("pong".equals(answerToPing(s))) {
                open.add(s);
                return true;
            }
            s.close();
            return false;
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void socketsPerVisitorHoldAcrossInstances() throws Exception {
        String token = TwoInstancesKillIT.visitorToken(portA, chatflowId);
        List<WsClient> open = new ArrayList<>();
        try {
            // A, B, A admitted (each answers a frame sent at once after its handshake); the fourth is refused on
            // either instance and closed.
            for (int port : new int[] {portA, portB, portA}) {
                WsClient s = socket(port, token);
                open.add(s);
                assertThat(answerToPing(s)).isEqualTo("pong");
            }
            for (int port : new int[] {portB, portA}) {
                try (WsClient fourth = socket(port, token)) {
                    assertThat(answerToPing(fourth)).isEqualTo("rate_limited");
                    Waits.until("the refused socket closed", WAIT, () -> !fourth.isOpen());
                }
            }
            // One closes on A: a socket on B is admitted once the close is counted.
            open.remove(0).close();
            Duration afterClose = admittedWithin(portB, token, open);
            // Instance A is killed with one of the three: its sockets stop counting when its lease (3 s) runs out.
            ManagedProcess a = TwoInstancesKillIT.instances.get(portA);
            ProcessHandle.of(a.pid()).ifPresent(ProcessHandle::destroyForcibly);
            Waits.until("instance A dead", Duration.ofSeconds(10), () -> !a.isAlive());
            Duration afterKill = admittedWithin(portB, token, open);
            System.out.printf("sockets: admitted %d ms after a close, %d ms after the other instance's kill -9%n",
                    afterClose.toMillis(), afterKill.toMillis());
        } finally {
            open.forEach(WsClient::close);
            if (!TwoInstancesKillIT.instances.get(portA).isAlive()) {
                TwoInstancesKillIT.start(portA, LIMITS);
            }
        }
    }

    @Test
    void messagesPerMinuteHoldAcrossInstances() {
        String token = TwoInstancesKillIT.visitorToken(portA, chatflowId);
        try (WsClient onA = socket(portA, token); WsClient onB = socket(portB, token)) {
            onA.send("{\"type\":\"start\",\"chatflowId\":\"" + chatflowId + "\",\"ref\":\"s\"}");
            String conversation = onA.await(WsClient.ref("ack", "s"), WAIT).get("conversationId").asText();
            long started = System.nanoTime();
            List<Long> seqs = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                WsClient via = i % 2 == 0 ? onA : onB;
                String ref = "m-" + i;
                via.send("{\"type\":\"message\",\"conversationId\":\"" + conversation + "\",\"clientMsgId\":\"" + ref
                        + "\",\"text\":\"message " + i + "\",\"ref\":\"" + ref + "\"}");
                JsonNode answer = via.await(f -> ref.equals(f.path("ref").asText()), WAIT);
                if ("ack".equals(answer.path("type").asText())) {
                    seqs.add(answer.get("seq").asLong());
                } else {
                    refusals.add(answer.path("code").asText());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // 20 at once, then one every 3 s (20 a minute) while the 30 were sent
            assertThat(seqs.size()).isBetween(20, 20 + (int) Math.ceil(seconds / 3));
            assertThat(refusals).hasSize(30 - seqs.size()).containsOnly("rate_limited");
            // nothing refused was stored: the stored ones are numbered 1, 2, 3, ... without a gap
            assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        }
    }
}
