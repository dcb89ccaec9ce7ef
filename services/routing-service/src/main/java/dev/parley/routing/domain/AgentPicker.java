package dev.parley.routing.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The strategies: which of the eligible agents gets a conversation. Pure and deterministic. */
public final class AgentPicker {

    /** Fewest open conversations; ties to the longest idle since the last assignment; then by id. */
    static final Comparator<AgentView> BALANCED = Comparator.comparingInt(AgentView::open)
            .thenComparingLong(AgentView::lastAssignedAt)
            .thenComparing(AgentView::id);

    private AgentPicker() {
    }

    /**
     * @param eligible   agents that may take the conversation (available, seat, rules, free capacity)
     * @param rrCursor   id of the agent the portal's round robin served last (null at the start)
     */
    public static Optional<AgentView> pick(Strategy strategy, Strategy fallback, List<AgentView> eligible,
                                           String ownerAgentId, String rrCursor) {
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        return switch (strategy) {
            case BALANCED -> eligible.stream().min(BALANCED);
            case ROUND_ROBIN -> Optional.of(roundRobin(eligible, rrCursor));
            case CONTACT_OWNER -> eligible.stream().filter(a -> a.id().equals(ownerAgentId)).findFirst()
                    .or(() -> pick(fallback == Strategy.CONTACT_OWNER ? Strategy.BALANCED : fallback,
                            Strategy.BALANCED, eligible, null, rrCursor));
        };
    }

    /** The first agent after the cursor in id order, wrapping around. */
    private static AgentView roundRobin(List<AgentView> eligible, String rrCursor) {
        List<AgentView> sorted = eligible.stream().sorted(Comparator.comparing(AgentView::id)).toList();
        if (rrCursor == null) {
            return sorted.get(0);
        }
        return sorted.stream().filter(a -> a.id().compareTo(rrCursor) > 0).findFirst().orElse(sorted.get(0));
    }
}
