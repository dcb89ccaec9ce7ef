package dev.parley.routing.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves the queue of one portal: walks the waiting conversations in {@link QueuedItem#ORDER} and gives each the
 * agent its strategy picks among the eligible ones, until nobody can take more. Pure: the caller applies the
 * returned assignments (in PostgreSQL, under the portal's lock, each as a conditional claim).
 *
 * <p>Serving strictly in order means a conversation is never overtaken by a later one of the same chatflow: both
 * admit the same agents, so if the earlier one found nobody, neither can the later one.
 */
public final class Dispatcher {

    public record Policy(Strategy strategy, Strategy fallback) {
    }

    public record Assignment(String conversationId, String chatflowId, String agentId) {
    }

    /** The assignments made, the agents afterwards, the new round-robin cursor and who still waits (in order). */
    public record Result(List<Assignment> assignments, Map<String, AgentView> agents, String rrCursor,
                         List<QueuedItem> waiting) {
    }

    private Dispatcher() {
    }

    public static Result drain(List<QueuedItem> queue, Map<String, AgentView> agents, Policy policy,
                               String rrCursor, long now) {
        return drain(queue, agents, policy, rrCursor, now, Set.of());
    }

    /**
     * As above; conversations of {@code closedChatflows} (business-hours chatflows outside their hours) keep waiting
     * in their place without being offered to anyone. They do not hold up other chatflows' conversations.
     */
    public static Result drain(List<QueuedItem> queue, Map<String, AgentView> agents, Policy policy,
                               String rrCursor, long now, Set<String> closedChatflows) {
        Map<String, AgentView> state = new LinkedHashMap<>(agents);
        List<Assignment> assignments = new ArrayList<>();
        List<QueuedItem> waiting = new ArrayList<>();
        String cursor = rrCursor;
        for (QueuedItem item : queue.stream().sorted(QueuedItem.ORDER).toList()) {
            Optional<AgentView> chosen = !closedChatflows.contains(item.chatflowId())
                    && state.values().stream().anyMatch(AgentView::canTake)
                    ? AgentPicker.pick(policy.strategy(), policy.fallback(), eligible(item, state),
                            item.ownerAgentId(), cursor)
                    : Optional.empty();
            if (chosen.isEmpty()) {
                waiting.add(item);
                continue;
            }
            AgentView agent = chosen.get();
            state.put(agent.id(), agent.plusOne(now));
            assignments.add(new Assignment(item.conversationId(), item.chatflowId(), agent.id()));
            cursor = agent.id();
        }
        return new Result(assignments, state, cursor, waiting);
    }

    public static List<AgentView> eligible(QueuedItem item, Map<String, AgentView> agents) {
        return agents.values().stream().filter(AgentView::canTake).filter(item::admits).toList();
    }

    /**
     * Whether a waiting conversation is told its new position: always the first time and near the head of the
     * queue ({@code detail} places); deeper, every tenth place, so one move of a long queue does not flood the
     * topic with an event per visitor (a visitor 57th is told 50th, then 40th, ..., then every place from 10th).
     */
    public static boolean announce(Integer told, int position, int detail) {
        if (told != null && told == position) {
            return false;
        }
        return told == null || position <= detail || position % 10 == 0 || position > told;
    }

    /** Position (1 = next) of every waiting conversation within its chatflow's queue. */
    public static Map<String, Integer> positions(List<QueuedItem> waiting) {
        Map<String, Integer> counters = new HashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (QueuedItem item : waiting.stream().sorted(QueuedItem.ORDER).toList()) {
            positions.put(item.conversationId(), counters.merge(item.chatflowId(), 1, Integer::sum));
        }
        return positions;
    }
}
