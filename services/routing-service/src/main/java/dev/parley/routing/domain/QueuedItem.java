package dev.parley.routing.domain;

import java.util.Comparator;
import java.util.Set;

/**
 * A conversation waiting for an agent. {@code seq} is its arrival order (kept when it is re-queued, so a
 * conversation re-routed after its agent left keeps its place ahead of later arrivals). Empty {@code userIds} and
 * {@code teamIds} mean any agent of the portal; {@code ownerAgentId} is the contact's owner, if known.
 */
public record QueuedItem(String conversationId, String chatflowId, int priority, long seq, Set<String> userIds,
                         Set<String> teamIds, String ownerAgentId) {

    public QueuedItem {
        userIds = Set.copyOf(userIds);
        teamIds = Set.copyOf(teamIds);
    }

    /** The order in which the queue is served: priority first (0 under FIFO), then arrival. */
    public static final Comparator<QueuedItem> ORDER = Comparator.comparingInt((QueuedItem q) -> -q.priority())
            .thenComparingLong(QueuedItem::seq);

    /** Whether this conversation's rules admit the agent (capacity and status aside). */
    public boolean admits(AgentView agent) {
        if (userIds.isEmpty() && teamIds.isEmpty()) {
            return true;
        }
        return userIds.contains(agent.id()) || agent.teams().stream().anyMatch(teamIds::contains);
    }
}
