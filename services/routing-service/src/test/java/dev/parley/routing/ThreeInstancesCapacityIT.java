package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.routing.stack.RoutingStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The routing invariant under contention: three routing-service processes share one Kafka and one PostgreSQL;
 * 20 agents of capacity 2; 300 conversations started at once and closed at random. A sampler reads every agent's
 * load throughout; no agent ever holds more than 2, every conversation is assigned exactly once, the queue drains.
 */
class ThreeInstancesCapacityIT {

    static final String PORTAL = "load";
    static final int AGENTS = 20;
    static final int CAPACITY = 2;
    static final int CONVERSATIONS = 300;
    static final Duration STALL = Duration.ofSeconds(90);

    @Test
    void noAgentEverExceedsCapacityAcrossThreeInstances() throws Exception {
        try (RoutingStack stack = RoutingStack.start(3)) {
            EventTap tap = stack.tap();
            stack.agents(PORTAL, "team-load", AGENTS, CAPACITY); // returns once every agent is present
            String chatflow = UUID.randomUUID().toString();
            tap.send(EventTap.chatflow(PORTAL, chatflow, 1, true, List.of(), List.of("team-load")));
            await().atMost(Duration.ofSeconds(60)).until(() -> !tap.events(AvailabilityChanged.class,
                    a -> a.chatflowId().equals(chatflow) && a.state().equals("AVAILABLE")).isEmpty());

            Sampler sampler = new Sampler(stack);
            Thread samplerThread = new Thread(sampler, "load-sampler");
            samplerThread.start();
            List<String> ids = IntStream.range(0, CONVERSATIONS).mapToObj(i -> "conv-" + i).toList();
            ids.parallelStream().forEach(id -> tap.send(ConversationStarted.of(PORTAL, id, chatflow, 1, "inbox",
                    "visitor-" + id, null, null, "WEB")));

            try {
                closeRandomlyUntilAllHandled(tap, chatflow, ids);
            } catch (AssertionError stalled) {
                diagnose(stack);
                throw stalled;
            }
            // every close sent; the queue has drained once they are all applied (sampling goes on meanwhile)
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(count(stack, "select count(*) from routed_conversation where state = 'CLOSED'"))
                        .isEqualTo(CONVERSATIONS);
                assertThat(count(stack, "select coalesce(max(open_count), 0) from agent")).isZero();
            });
            sampler.stop();
            samplerThread.join();

            Map<String, Long> assignedCount = tap.events(ConversationAssigned.class, a -> a.portalId().equals(PORTAL))
                    .stream().collect(Collectors.groupingBy(ConversationAssigned::conversationId,
                            Collectors.counting()));
            assertThat(assignedCount).hasSize(CONVERSATIONS).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            Set<String> queued = new HashSet<>(tap.events(ConversationQueued.class, q -> q.portalId().equals(PORTAL))
                    .stream().map(ConversationQueued::conversationId).toList());
            assertThat(queued).as("conversations that had to wait").isNotEmpty();
            assertThat(sampler.samples.get()).as("load samples").isGreaterThan(20);
            assertThat(sampler.maxOpen.get()).as("highest load any agent ever had").isEqualTo(CAPACITY);
            assertThat(sampler.maxAssigned.get()).as("most assigned conversations any agent ever had")
                    .isLessThanOrEqualTo(CAPACITY);
            assertThat(count(stack, "select count(*) from routed_conversation where state = 'QUEUED'")).isZero();
        }
    }

    /**
     * Closes a random part of the open conversations, again and again, until every one was assigned and closed.
     * What fails the test is a stall — no new assignment for {@link #STALL} while conversations wait — not
     * slowness: the routing rate is measured by the benchmark, and a slower machine only takes longer here.
     */
    private static void closeRandomlyUntilAllHandled(EventTap tap, String chatflow, List<String> ids) {
        Random random = new Random(42);
        Set<String> closed = new HashSet<>();
        int assignedBefore = -1;
        long lastProgress = System.nanoTime();
        long start = lastProgress;
        while (closed.size() < ids.size()) {
            var assigned = tap.events(ConversationAssigned.class, a -> a.portalId().equals(PORTAL));
            if (assigned.size() != assignedBefore) {
                assignedBefore = assigned.size();
                lastProgress = System.nanoTime();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - lastProgress))
                    .as("no conversation was assigned for %s (%d assigned, %d closed)", STALL, assigned.size(),
                            closed.size())
                    .isLessThan(STALL);
            for (ConversationAssigned a : assigned) {
                if (!closed.contains(a.conversationId()) && random.nextInt(3) == 0) {
                    closed.add(a.conversationId());
                    tap.send(ConversationClosed.of(PORTAL, a.conversationId(), chatflow, "AGENT", a.agentId(),
                            a.agentId()));
                }
            }
            if (random.nextInt(40) == 0) {
                System.out.printf("capacity test: %d assigned, %d closed after %d s%n", assigned.size(),
                        closed.size(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
            }
            sleep(50);
        }
    }

    /** What a stalled run leaves behind, for the CI log: the routing state and every warning of the instances. */
    private static void diagnose(RoutingStack stack) throws Exception {
        try (Connection c = stack.jdbc(); PreparedStatement ps = c.prepareStatement("select state, count(*)"
                + " from routed_conversation group by state union all select 'agent ' || id || ' present=' || present"
                + " || ' status=' || status, open_count from agent order by 1"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                System.out.printf("stalled: %s %d%n", rs.getString(1), rs.getLong(2));
            }
        }
        try (var logs = java.nio.file.Files.list(stack.logs())) {
            for (var log : logs.toList()) {
                java.nio.file.Files.readAllLines(log).stream()
                        .filter(line -> line.contains("WARN") || line.contains("ERROR") || line.contains("took"))
                        .forEach(line -> System.out.println(log.getFileName() + ": " + line));
            }
        }
    }

    private static long count(RoutingStack stack, String sql) throws Exception {
        try (Connection c = stack.jdbc(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads every agent's counter and its actually assigned conversations, in one snapshot, as often as it can. */
    static final class Sampler implements Runnable {
        final RoutingStack stack;
        final AtomicInteger maxOpen = new AtomicInteger();
        final AtomicInteger maxAssigned = new AtomicInteger();
        final AtomicLong samples = new AtomicLong();
        volatile boolean running = true;

        Sampler(RoutingStack stack) {
            this.stack = stack;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            String sql = "select a.open_count, (select count(*) from routed_conversation c where c.portal_id ="
                    + " a.portal_id and c.agent_id = a.id and c.state = 'ASSIGNED') from agent a";
            try (Connection c = stack.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
                while (running) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            maxOpen.accumulateAndGet(rs.getInt(1), Math::max);
                            maxAssigned.accumulateAndGet(rs.getInt(2), Math::max);
                        }
                    }
                    samples.incrementAndGet();
                    sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
