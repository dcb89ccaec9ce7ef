package dev.parley.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * For any sequence of starts, closes, status and capacity changes, served by {@link Dispatcher} after each step
 * (as the service does): no agent takes a conversation at or above capacity, the queue of each chatflow is served
 * in arrival order, and every conversation is in exactly one place.
 */
class RoutingPropertiesTest {

    sealed interface Op permits Start, Close, Status, Capacity {
    }

    record Start(int chatflow) implements Op {
    }

    record Close(int pick) implements Op {
    }

    record Status(int agent, boolean available) implements Op {
    }

    record Capacity(int agent, int capacity) implements Op {
    }

    static final List<Set<String>> CHATFLOW_TEAMS = List.of(Set.of("sales"), Set.of("support"), Set.of());
    static final List<Set<String>> AGENT_TEAMS = List.of(Set.of("sales"), Set.of("support"),
            Set.of("sales", "support"), Set.of("support"));

    @Provide
    Arbitrary<Op> ops() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 2).map(Start::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 1000).map(Close::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.of(true, false)).as(Status::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 4)).as(Capacity::new)));
    }

    @Property(tries = 300)
    void capacityHoldsAndEachChatflowIsServedInOrder(@ForAll @Size(max = 120) List<@From("ops") Op> ops,
                                                     @ForAll Strategy strategy) {
        Map<String, AgentView> agents = new LinkedHashMap<>();
        for (int i = 0; i < AGENT_TEAMS.size(); i++) {
            agents.put("agent-" + i, new AgentView("agent-" + i, true, true, 2, 0, Long.MIN_VALUE,
                    AGENT_TEAMS.get(i)));
        }
        List<QueuedItem> waiting = new ArrayList<>();
        Map<String, String> holder = new HashMap<>();
        Map<String, Long> servedUpTo = new HashMap<>();
        Set<String> closed = new java.util.HashSet<>();
        String cursor = null;
        long seq = 0;
        for (Op op : ops) {
            if (op instanceof Start s) {
                seq++;
                waiting.add(new QueuedItem("c" + seq, "f" + s.chatflow(), 0, seq, Set.of(),
                        CHATFLOW_TEAMS.get(s.chatflow()), null));
            } else if (op instanceof Close c) {
                close(c, holder, waiting, agents, closed);
            } else if (op instanceof Status s) {
                agents.computeIfPresent("agent-" + s.agent(), (k, a) -> new AgentView(a.id(), s.available(), true,
                        a.capacity(), a.open(), a.lastAssignedAt(), a.teams()));
            } else if (op instanceof Capacity c) {
                agents.computeIfPresent("agent-" + c.agent(), (k, a) -> new AgentView(a.id(), a.available(), true,
                        c.capacity(), a.open(), a.lastAssignedAt(), a.teams()));
            }
            var result = Dispatcher.drain(waiting, agents, new Dispatcher.Policy(strategy, Strategy.ROUND_ROBIN),
                    cursor, seq);
            for (var a : result.assignments()) {
                AgentView before = agents.get(a.agentId());
                assertThat(before.open()).as("agent took a conversation at capacity").isLessThan(before.capacity());
                assertThat(before.available() && before.paidSeat()).isTrue();
                agents.put(a.agentId(), before.plusOne(seq));
                assertThat(holder.put(a.conversationId(), a.agentId())).as("assigned twice").isNull();
                long s = Long.parseLong(a.conversationId().substring(1));
                assertThat(s).as("FIFO within " + a.chatflowId()).isGreaterThan(servedUpTo.getOrDefault(
                        a.chatflowId(), 0L));
                servedUpTo.put(a.chatflowId(), s);
            }
            assertThat(result.agents()).isEqualTo(agents);
            waiting = new ArrayList<>(result.waiting());
            cursor = result.rrCursor();
            for (QueuedItem w : waiting) {
                assertThat(w.seq()).as("a waiting conversation was overtaken in its chatflow")
                        .isGreaterThan(servedUpTo.getOrDefault(w.chatflowId(), 0L));
            }
            assertThat(waiting.size() + holder.size() + closed.size()).isEqualTo((int) seq);
        }
    }

    private static void close(Close c, Map<String, String> holder, List<QueuedItem> waiting,
                              Map<String, AgentView> agents, Set<String> closed) {
        List<String> open = holder.entrySet().stream().filter(e -> !closed.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        if (!open.isEmpty() && c.pick() % 4 != 0) {
            String id = open.get(c.pick() % open.size());
            AgentView a = agents.get(holder.remove(id));
            agents.put(a.id(), new AgentView(a.id(), a.available(), a.paidSeat(), a.capacity(), a.open() - 1,
                    a.lastAssignedAt(), a.teams()));
            closed.add(id);
        } else if (!waiting.isEmpty()) {
            closed.add(waiting.remove(c.pick() % waiting.size()).conversationId());
        }
    }
}
