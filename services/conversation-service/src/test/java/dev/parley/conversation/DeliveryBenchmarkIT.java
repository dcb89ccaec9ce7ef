package dev.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.infra.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (excluded from {@code verify}; run by benchmarks/conversation-service/latency.sh): visitors
 * on instance A, each in their own conversation, one agent socket on instance B following them all; the visitors send
 * at a fixed total rate, round robin over the conversations; prints the visitor → agent latency (sent → received on
 * the agent's socket on the other instance, i.e. stored, published, fanned out) and the sender's ack latency
 * (stored), as p50/p99/p999, and the achieved rate. {@code -Dbench.rate} (msg/s in total), {@code -Dbench.seconds},
 * {@code -Dbench.conversations}.
 */
class DeliveryBenchmarkIT {

    @BeforeAll
    static void infrastructure() throws Exception {
        TwoInstancesKillIT.infrastructure();
    }

    @AfterAll
    static void tearDown() throws Exception {
        TwoInstancesKillIT.tearDown();
    }

    @Test
    void visitorToAgentAcrossInstances() throws Exception {
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int conversations = Integer.getInteger("bench.conversations", 100);
        int portA = Ports.free();
        int portB = Ports.free();
        TwoInstancesKillIT.start(portA);
        TwoInstancesKillIT.start(portB);
        String chatflowId = UUID.randomUUID().toString();
        TestChatflows.publish(TwoInstancesKillIT.kafka.bootstrapServers(), "demo", chatflowId, 1,
                TestChatflows.settings(null, null, "NEVER", false));
        List<WsClient> visitors = new ArrayList<>();
        String[] conv = new String[conversations];
        try (WsClient agent = WsClient.connect(URI.create("ws://127.0.0.1:" + portB + "/ws/agent"))) {
            for (int c = 0; c < conversations; c++) {
                String token = TwoInstancesKillIT.visitorToken(portA, chatflowId);
                WsClient visitor = WsClient.connect(URI.create("ws://127.0.0.1:" + portA + "/ws/visitor?token="
                        + token));
                visitors.add(visitor);
                visitor.send("{\"type\":\"start\",\"chatflowId\":\"" + chatflowId + "\",\"ref\":\"s\"}");
                conv[c] = visitor.await(WsClient.ref("ack", "s"), Duration.ofSeconds(30)).get("conversationId")
                        .asText();
            }
            // The agent (an admin: every conversation of the portal) follows them all from seq 0.
            agent.send("{\"type\":\"auth\",\"token\":\"" + TwoInstancesKillIT.agentToken() + "\",\"ref\":\"a\"}");
            agent.await(WsClient.ref("ack", "a"), Duration.ofSeconds(30));
            StringBuilder resume = new StringBuilder();
            for (String id : conv) {
                resume.append(resume.length() == 0 ? "" : ",").append('"').append(id).append("\":0");
            }
            if (conversations <= 200) { // more: the agent follows them from their first event
                agent.send("{\"type\":\"hello\",\"resume\":{" + resume + "},\"ref\":\"h\"}");
                agent.await(WsClient.ref("ack", "h"), Duration.ofSeconds(30));
            }

            int total = rate * seconds;
            int warmup = Math.min(2_000, total / 5);
            long[] sentAt = new long[total];
            long[] delivered = new long[total];
            long[] acked = new long[total];
            AtomicLong received = new AtomicLong();
            AtomicLong ackCount = new AtomicLong();
            agent.keepFrames = false;
            agent.listener = (f, at) -> index(f, "clientMsgId").ifPresent(i -> {
                if (delivered[i] == 0) {
                    delivered[i] = at - sentAt[i];
                    received.incrementAndGet();
                }
            });
            for (WsClient visitor : visitors) {
                visitor.keepFrames = false;
                visitor.listener = (f, at) -> {
                    if ("ack".equals(f.path("type").asText()) && f.path("ref").asText().startsWith("b-")) {
                        int i = Integer.parseInt(f.path("ref").asText().substring(2));
                        acked[i] = at - sentAt[i];
                        ackCount.incrementAndGet();
                    }
                };
            }
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                int c = i % conversations;
                sentAt[i] = System.nanoTime();
                visitors.get(c).send("{\"type\":\"message\",\"conversationId\":\"" + conv[c]
                        + "\",\"clientMsgId\":\"b-" + i + "\",\"text\":\"benchmark message " + i + "\",\"ref\":\"b-"
                        + i + "\"}");
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while ((received.get() < total || ackCount.get() < total) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double allSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nBENCHMARK conversation-service visitors(A) -> agent(B): %d conversations, target %d"
                    + " msg/s for %d s%n", conversations, rate, seconds);
            System.out.printf("sent %d in %.1f s (%.0f msg/s offered); acked %d; delivered %d, all within %.1f s"
                            + " (%.0f msg/s)%n", total, sendSeconds, total / sendSeconds, ackCount.get(),
                    received.get(), allSeconds, received.get() / allSeconds);
            print("ack (stored)      ", acked, warmup);
            print("visitor -> agent  ", delivered, warmup);
        } finally {
            visitors.forEach(WsClient::close);
        }
    }

    private static java.util.Optional<Integer> index(JsonNode f, String field) {
        String id = f.path(field).asText("");
        return "message".equals(f.path("type").asText()) && id.startsWith("b-")
                ? java.util.Optional.of(Integer.parseInt(id.substring(2))) : java.util.Optional.empty();
    }

    private static void print(String what, long[] nanos, int warmup) {
        long[] sorted = Arrays.stream(nanos, warmup, nanos.length).filter(n -> n > 0).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(what + " no samples");
            return;
        }
        System.out.printf("%s n=%d p50=%.2f ms p99=%.2f ms p999=%.2f ms max=%.2f ms%n", what, sorted.length,
                pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
