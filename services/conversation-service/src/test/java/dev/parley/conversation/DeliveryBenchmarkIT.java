package dev.parley.conversation;

import dev.parley.infra.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (excluded from {@code verify}; run by benchmarks/conversation-service/latency.sh): visitors
 * on instance A, each in their own conversation, one agent socket on instance B following them all; the visitors send
 * at a fixed total rate, round robin over the conversations; prints the visitor → agent latency (sent → received on
 * the agent's socket on the other instance, i.e. stored, published, fanned out) and the sender's ack latency
 * (stored), as p50/p99/p999, and the achieved rate. {@code -Dbench.rate} (msg/s in total), {@code -Dbench.seconds},
 * {@code -Dbench.conversations}, {@code -Dbench.warmup-seconds}: the stream runs that much longer and its first
 * seconds are not measured (the instances' JITs still compile for a minute and more under this load on two cores).
 * One stream: until session 9 the warm-up was a stream of its own, then a wait until the agent had it all, then the
 * measured stream started from idle — a step that a sustained load does not have.
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
        int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 0);
        if (rate < 1 || seconds < 1 || warmupSeconds < 0) { // before any instance starts
            throw new IllegalArgumentException(
                    "bench.rate and bench.seconds must be at least 1, bench.warmup-seconds at least 0");
        }
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

            int total = rate * (warmupSeconds + seconds);
            // The messages not measured: the warm-up's, or without one the first 2,000 (connections, first plans).
            int warmup = warmupSeconds > 0 ? rate * warmupSeconds : Math.min(2_000, total / 5);
            long[] sentAt = new long[total];
            long[] delivered = new long[total];
            long[] acked = new long[total];
            AtomicLong received = new AtomicLong();
            AtomicLong ackCount = new AtomicLong();
            agent.keepFrames = false;
            agent.rawListener = (f, at) -> {
                int i = number(f, "\"clientMsgId\":\"b-");
                if (i >= 0 && f.startsWith("{\"type\":\"message\"") && delivered[i] == 0) {
                    delivered[i] = at - sentAt[i];
                    received.incrementAndGet();
                }
            };
            for (WsClient visitor : visitors) {
                visitor.keepFrames = false;
                visitor.rawListener = (f, at) -> {
                    int i = number(f, "\"ref\":\"b-");
                    if (i >= 0 && f.startsWith("{\"type\":\"ack\"")) {
                        acked[i] = at - sentAt[i];
                        ackCount.incrementAndGet();
                    }
                };
            }
            long[] pids = {TwoInstancesKillIT.instances.get(portA).pid(), TwoInstancesKillIT.instances.get(portB).pid(),
                postmaster(), TwoInstancesKillIT.kafka.process().pid(), ProcessHandle.current().pid()};
            java.util.concurrent.CompletableFuture<long[]> cpuBefore = null; // set at message `warmup` (< total)
            long cpuFromNanos = 0;
            long measuredStart = 0;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                if (i == warmup) { // the CPU counters are read beside the sender, which must not stall here
                    cpuBefore = java.util.concurrent.CompletableFuture.supplyAsync(() -> cpu(pids));
                    cpuFromNanos = System.nanoTime();
                    measuredStart = due;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // not a spin: the generator shares the two cores it measures
                }
                int c = i % conversations;
                sentAt[i] = System.nanoTime();
                visitors.get(c).send("{\"type\":\"message\",\"conversationId\":\"" + conv[c]
                        + "\",\"clientMsgId\":\"b-" + i + "\",\"text\":\"benchmark message " + i + "\",\"ref\":\"b-"
                        + i + "\"}");
            }
            int measured = total - warmup;
            double sendSeconds = (System.nanoTime() - measuredStart) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while ((received.get() < total || ackCount.get() < total) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double allSeconds = (System.nanoTime() - measuredStart) / 1e9;
            long[] cpuAfter = cpu(pids); // right after the last delivery: the window the CPU figures cover
            double cpuSeconds = (System.nanoTime() - cpuFromNanos) / 1e9;
            System.out.printf("%nBENCHMARK conversation-service visitors(A) -> agent(B): %d conversations, target %d"
                    + " msg/s, %d s measured after %d s (%d messages) not measured, in one stream%n", conversations,
                    rate, seconds, warmupSeconds, warmup);
            System.out.printf("measured: sent %d in %.1f s (%.0f msg/s offered); whole stream: sent %d, acked %d,"
                    + " delivered %d, all within %.1f s of the measured start%n", measured, sendSeconds,
                    measured / sendSeconds, total, ackCount.get(), received.get(), allSeconds);
            print("ack (stored)      ", acked, warmup);
            print("visitor -> agent  ", delivered, warmup);
            if (warmupSeconds > 0) {
                print("whole stream, warm-up included: visitor -> agent", delivered, 0);
            }
            slowBySpan(sentAt, delivered, warmup, measuredStart, 5);
            // CPU time per message does not depend on what else the machine runs (the latencies do): from the
            // measured window's first message to the last delivery (the warm-up's last messages may be in it).
            long[] cpuFrom = cpuBefore.join();
            String[] names = {"instance A", "instance B", "PostgreSQL", "Kafka", "generator"};
            StringBuilder cpu = new StringBuilder("CPU per 1,000 messages:");
            long sum = 0;
            for (int p = 0; p < pids.length; p++) {
                long ticks = cpuAfter[p] - cpuFrom[p];
                sum += p < 4 ? ticks : 0;
                cpu.append(String.format(" %s %.0f ms;", names[p], ticks * 10.0 * 1000 / measured));
            }
            System.out.printf("%s server side %.0f ms (%.2f cores at the offered rate)%n", cpu,
                    sum * 10.0 * 1000 / measured, sum * 10.0 / 1000 / cpuSeconds);
        } finally {
            visitors.forEach(WsClient::close);
        }
    }

    /**
     * Where the tail is: per span of {@code spanSeconds} of the measured window, how many deliveries took over
     * 20 ms (the goal's p99), with the window's start in wall-clock time to line them up with collectors' logs.
     */
    private static void slowBySpan(long[] sentAt, long[] delivered, int from, long measuredStart, int spanSeconds) {
        int spans = (int) ((sentAt[sentAt.length - 1] - measuredStart) / (spanSeconds * 1_000_000_000L)) + 1;
        int[] slow = new int[spans];
        for (int i = from; i < sentAt.length; i++) {
            if (delivered[i] > 20_000_000L) {
                slow[(int) Math.max(0, (sentAt[i] - measuredStart) / (spanSeconds * 1_000_000_000L))]++;
            }
        }
        java.time.Instant startWall = java.time.Instant.now().minusNanos(System.nanoTime() - measuredStart);
        System.out.printf("deliveries over 20 ms per %d s from %s: %s%n", spanSeconds, startWall,
                java.util.Arrays.toString(slow));
    }

    /** CPU ticks of each process; with its children for all but the last (this JVM, which started them all). */
    private static long[] cpu(long[] pids) {
        long[] out = new long[pids.length];
        for (int p = 0; p < pids.length; p++) {
            out[p] = p < pids.length - 1 ? cpuTicks(pids[p]) : stat(pids[p], false);
        }
        return out;
    }

    /** The PostgreSQL server's process (its children are the backends). */
    private static long postmaster() {
        try {
            return Long.parseLong(java.nio.file.Files.readAllLines(TwoInstancesKillIT.scratch.resolve("postgres")
                    .resolve("postmaster.pid")).get(0).trim());
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * User + system CPU ticks (1/100 s) of a process, its live children and the children it reaped, from /proc;
     * 0 when not readable.
     */
    private static long cpuTicks(long pid) {
        long ticks = stat(pid, true);
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path p : procs.filter(f -> f.getFileName().toString().matches("\\d+")).toList()) {
                String[] f = fields(p.resolve("stat"));
                if (f != null && Long.parseLong(f[1]) == pid) {
                    ticks += stat(Long.parseLong(p.getFileName().toString()), false);
                }
            }
        } catch (Exception e) {
            // best effort
        }
        return ticks;
    }

    private static long stat(long pid, boolean withReaped) {
        String[] f = fields(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        if (f == null) {
            return 0;
        }
        // fields after the command: state ppid ... utime(12) stime(13) cutime(14) cstime(15), counted from state = 0
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ... */
    private static String[] fields(java.nio.file.Path stat) {
        try {
            String s = java.nio.file.Files.readString(stat);
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null;
        }
    }

    /** The number right after {@code marker} in a frame's text (the benchmark's own ids), or -1. */
    private static int number(String frame, String marker) {
        int at = frame.indexOf(marker);
        if (at < 0) {
            return -1;
        }
        int n = 0;
        for (int i = at + marker.length(); i < frame.length() && Character.isDigit(frame.charAt(i)); i++) {
            n = n * 10 + frame.charAt(i) - '0';
        }
        return n;
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
