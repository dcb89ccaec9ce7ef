package dev.parley.routing.bench;

import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.routing.EventTap;
import dev.parley.routing.stack.RoutingStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routing benchmark (benchmarks/routing/run.sh): real PostgreSQL, Kafka and N routing-service processes.
 *
 * <p>Phase 2 (run first): see below. Phase 1: conversations start at {@code rate}/s against enough seats, for
 * {@code warmup} seconds not measured and then {@code seconds} measured, in one stream; each is closed shortly
 * after it is assigned. Prints the start rate achieved and the ConversationStarted → ConversationAssigned latency
 * (as the consumer of parley.routing.v1 sees it). Phase 2: every seat is full and conversations wait; one is closed
 * at a time, printing close → next ConversationAssigned (the queue re-run).
 */
public final class RoutingBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        int rate = Integer.parseInt(a.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int instances = Integer.parseInt(a.getOrDefault("instances", "3"));
        int reruns = Integer.parseInt(a.getOrDefault("reruns", "100"));
        int portals = Integer.parseInt(a.getOrDefault("portals", "1"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "0"));
        if (rate < 1 || seconds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--rate and --seconds must be at least 1, --warmup at least 0");
        }
        try (RoutingStack stack = RoutingStack.start(instances)) {
            System.out.printf("routing benchmark: %d instances, %d starts/s over %d portal(s), %d s measured after %d s"
                    + " not measured%n", instances, rate, portals, seconds, warmup);
            // The re-run phase first: the throughput phase may leave a backlog behind on the conversations topic.
            queueRerun(stack, reruns);
            throughput(stack, "bench", rate, warmup, seconds, portals);
        }
        System.exit(0);
    }

    /**
     * Starts spread round-robin over {@code portals} portals sharing 100 agents' worth of seats: one stream at
     * {@code rate}/s for {@code warmup + seconds} seconds, of which only the starts sent in the last {@code seconds}
     * are measured (the first ones run while the JITs of the service, the broker and this JVM still compile). One
     * stream, not a warm-up on a portal of its own followed by a pause and a measured phase on a fresh portal, so
     * that the window holds sustained load only. The whole stream's figures are printed as well.
     */
    private static void throughput(RoutingStack stack, String name, int rate, int warmup, int seconds, int portals)
            throws Exception {
        EventTap tap = stack.tap();
        Map<String, String> chatflows = new java.util.LinkedHashMap<>();
        for (int i = 0; i < portals; i++) {
            String portal = portals == 1 ? name : name + "-" + i;
            stack.agents(portal, "team-" + portal, Math.max(1, 100 / portals), 100);
            chatflows.put(portal, chatflow(tap, portal, "team-" + portal));
        }
        List<String> portalIds = List.copyOf(chatflows.keySet());
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
        int sent = 0;
        int lateSends = 0;
        long maxLate = 0;
        Closer closer = new Closer(tap, chatflows);
        if (Boolean.getBoolean("parley.bench.analyze")) {
            try (var c = stack.jdbc(); var st = c.createStatement()) {
                st.execute("analyze");
            }
        }
        // This JVM's collector pauses add to what it measures (sends and receipts wait): collect now, and run.sh
        // gives it a young generation that the phase's allocation does not fill; the count below shows whether
        // it paused anyway.
        System.gc();
        long[] gcBefore = collections();
        long[] gcMeasuredFrom = gcBefore;
        System.out.printf("throughput stream: starting at %s; the first %d s are not measured%n",
                java.time.Instant.now(), warmup);
        long streamStart = System.nanoTime();
        long start = streamStart + Duration.ofSeconds(warmup).toNanos(); // the measured window's start
        int firstMeasured = warmup * rate;
        int total = (warmup + seconds) * rate;
        while (sent < total) {
            long due = streamStart + (long) sent * 1_000_000_000L / rate;
            // Parked, not spinning: on two cores a spinning load generator takes a core from what it measures.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (sent == firstMeasured) {
                gcMeasuredFrom = collections();
                System.out.printf("measured window: starting at %s%n", java.time.Instant.now());
            }
            long late = System.nanoTime() - due;
            if (late > 5_000_000L && sent >= firstMeasured) {
                lateSends++;
            }
            maxLate = sent >= firstMeasured ? Math.max(maxLate, late) : maxLate;
            String id = name + "-" + sent;
            String portal = portalIds.get(sent % portals);
            sentAt.put(id, System.nanoTime());
            sentAtMillis.put(id, System.currentTimeMillis());
            tap.sendAsync(ConversationStarted.of(portal, id, chatflows.get(portal), 1, "inbox", "v-" + id, null, null,
                    "WEB"));
            sent++;
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (assigned(tap, chatflows.keySet()).size() < sent && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double allSeconds = (System.nanoTime() - start) / 1e9;
        long[] gcAfter = collections();
        System.out.printf("load generator: %d collector pauses (%d ms in all) from the measured window's start to the"
                + " last assignment, %d in the whole stream; %d measured starts sent over 5 ms after their time (the"
                + " latest %d ms)%n", gcAfter[0] - gcMeasuredFrom[0], gcAfter[1] - gcMeasuredFrom[1],
                gcAfter[0] - gcBefore[0], lateSends, maxLate / 1_000_000);
        closer.shutdown();
        java.util.function.Predicate<String> measured =
                id -> Integer.parseInt(id.substring(name.length() + 1)) >= firstMeasured;
        List<Long> latencies = new ArrayList<>();
        List<Long> wholeStream = new ArrayList<>();
        Stages stages = new Stages();
        Stages firstSeconds = new Stages();
        long phaseStartMillis = sentAtMillis.get(name + "-" + firstMeasured);
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        tap.seen().forEach(s -> {
            if (s.event() instanceof ConversationAssigned c && chatflows.containsKey(c.portalId())
                    && seenAt.putIfAbsent(c.conversationId(), s.seenAtNanos()) == null
                    && measured.test(c.conversationId())) {
                long sentMillis = sentAtMillis.get(c.conversationId());
                stages.add(sentMillis, c, s);
                if (sentMillis - phaseStartMillis < 2_000) {
                    firstSeconds.add(sentMillis, c, s);
                }
            }
        });
        seenAt.forEach((id, at) -> {
            long millis = (at - sentAt.get(id)) / 1_000_000;
            wholeStream.add(millis);
            if (measured.test(id)) {
                latencies.add(millis);
            }
        });
        int measuredSent = sent - firstMeasured;
        System.out.printf("measured starts sent: %d in %.1f s (%.0f/s); assigned: %d; all assigned after %.1f s"
                + " (%.0f/s)%n", measuredSent, sendSeconds, measuredSent / sendSeconds, latencies.size(), allSeconds,
                latencies.size() / allSeconds);
        print("start -> assigned (ms)", latencies);
        stages.print("start");
        slowBySpan("starts over 50 ms by second of the measured window", start, 1, sentAt, seenAt, measured);
        System.out.println("  the measured window's first two seconds:");
        firstSeconds.print("start");
        if (warmup > 0) {
            print("whole stream, warm-up included: start -> assigned (ms)", wholeStream);
            slowBySpan("starts over 50 ms by 10 s of the whole stream", streamStart, 10, sentAt, seenAt, id -> true);
        }
    }

    /**
     * When the slow assignments (over 50 ms) were started: in which span of {@code spanSeconds} from {@code from}, and
     * how many, so a tail that comes in bursts (a checkpoint, an autovacuum, a collector pause) shows apart from one
     * spread over the run.
     */
    private static void slowBySpan(String what, long from, int spanSeconds, Map<String, Long> sentAt,
            Map<String, Long> seenAt, java.util.function.Predicate<String> which) {
        java.util.SortedMap<Long, Integer> slow = new java.util.TreeMap<>();
        seenAt.forEach((id, at) -> {
            if (at - sentAt.get(id) > 50_000_000L && which.test(id)) {
                long span = Math.max(0, sentAt.get(id) - from) / 1_000_000_000L / spanSeconds * spanSeconds;
                slow.merge(span, 1, Integer::sum);
            }
        });
        StringBuilder line = new StringBuilder();
        slow.forEach((second, n) -> line.append(' ').append(second).append("s:").append(n));
        System.out.printf("  %s:%s%n", what, line.length() == 0 ? " none" : line);
    }

    /** This JVM's collections so far: how many and their total milliseconds. */
    private static long[] collections() {
        long count = 0;
        long millis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static void queueRerun(RoutingStack stack, int reruns) throws Exception {
        EventTap tap = stack.tap();
        String portal = "rerun";
        List<String> agents = stack.agents(portal, "team-rerun", 10, 1);
        String chatflow = chatflow(tap, portal, "team-rerun");
        int total = agents.size() + reruns;
        for (int i = 0; i < total; i++) {
            tap.sendAsync(ConversationStarted.of(portal, "r-" + i, chatflow, 1, "inbox", "v", null, null, "WEB"));
        }
        while (assigned(tap, portal).size() < agents.size()) {
            Thread.sleep(100);
        }
        List<Long> latencies = new ArrayList<>();
        Stages stages = new Stages();
        for (int i = 0; i < reruns; i++) {
            List<ConversationAssigned> before = assigned(tap, portal);
            ConversationAssigned victim = before.get(i);
            long closedAtMillis = System.currentTimeMillis();
            long closedAt = System.nanoTime();
            tap.send(ConversationClosed.of(portal, victim.conversationId(), chatflow, "AGENT", victim.agentId(),
                    victim.agentId()));
            while (assigned(tap, portal).size() == before.size()) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            latencies.add((System.nanoTime() - closedAt) / 1_000_000);
            java.util.Set<String> known = new java.util.HashSet<>();
            before.forEach(c -> known.add(c.conversationId()));
            for (EventTap.Seen s : tap.seen()) {
                if (s.event() instanceof ConversationAssigned c && c.portalId().equals(portal)
                        && !known.contains(c.conversationId())) {
                    stages.add(closedAtMillis, c, s);
                }
            }
        }
        print("close -> queued conversation assigned (ms)", latencies);
        stages.print("close");
    }

    /**
     * Where an assignment's latency went: the triggering event sent → the decision ({@code occurredAt} of the
     * assignment) → the relay's Kafka record timestamp → seen by the tap.
     */
    private static final class Stages {
        private final List<Long> toDecision = new ArrayList<>();
        private final List<Long> toPublish = new ArrayList<>();
        private final List<Long> toSeen = new ArrayList<>();

        void add(long sentAtMillis, ConversationAssigned assigned, EventTap.Seen seen) {
            long decidedAt = assigned.occurredAt().toEpochMilli();
            toDecision.add(decidedAt - sentAtMillis);
            toPublish.add(seen.producedAtMillis() - decidedAt);
            toSeen.add(seen.seenAtMillis() - seen.producedAtMillis());
        }

        void print(String trigger) {
            RoutingBenchmark.print("  of which " + trigger + " sent -> decision (ms)", toDecision);
            RoutingBenchmark.print("  of which decision -> relay publishes (ms)", toPublish);
            RoutingBenchmark.print("  of which relay publishes -> seen (ms)", toSeen);
        }
    }

    private static String chatflow(EventTap tap, String portal, String team) throws InterruptedException {
        String chatflow = UUID.randomUUID().toString();
        tap.send(EventTap.chatflow(portal, chatflow, 1, true, List.of(), List.of(team)));
        while (tap.events(AvailabilityChanged.class, x -> x.chatflowId().equals(chatflow)
                && x.state().equals("AVAILABLE")).isEmpty()) {
            Thread.sleep(100);
        }
        return chatflow;
    }

    private static List<ConversationAssigned> assigned(EventTap tap, String portal) {
        return tap.events(ConversationAssigned.class, c -> c.portalId().equals(portal));
    }

    private static List<ConversationAssigned> assigned(EventTap tap, java.util.Set<String> portals) {
        return tap.events(ConversationAssigned.class, c -> portals.contains(c.portalId()));
    }

    private static void print(String what, List<Long> values) {
        if (values.isEmpty()) {
            System.out.printf("%s: no samples%n", what);
            return;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d p50=%d p90=%d p99=%d max=%d%n", what, sorted.size(), pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Map<String, String> args(String[] args) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            map.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return map;
    }

    /**
     * Closes every assigned conversation of its portals one second after its assignment was seen, so seats keep
     * freeing at the rate they fill (a steady stream of closes, as from real chats, not a burst per second).
     */
    private static final class Closer {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "bench-closer");
                    t.setDaemon(true);
                    return t;
                });
        private volatile boolean running = true;

        private final java.util.Set<String> closing = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Closer(EventTap tap, Map<String, String> chatflows) {
            tap.onSeen(s -> {
                if (running && s.event() instanceof ConversationAssigned c && chatflows.containsKey(c.portalId())
                        && closing.add(c.conversationId())) { // a redelivered assignment is closed once
                    try {
                        timer.schedule(() -> tap.sendAsync(ConversationClosed.of(c.portalId(), c.conversationId(),
                                        chatflows.get(c.portalId()), "AGENT", c.agentId(), c.agentId())),
                                1, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                        // shut down meanwhile: this phase is over
                    }
                }
            });
        }

        void shutdown() {
            running = false;
            timer.shutdownNow();
        }
    }
}
