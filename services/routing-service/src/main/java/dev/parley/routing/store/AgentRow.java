package dev.parley.routing.store;

import dev.parley.routing.domain.AgentView;
import java.util.Set;

/** One stored agent as the API and the decisions see it. */
public record AgentRow(String id, String displayName, String avatarUrl, boolean paidSeat, int capacity,
                       String status, int connections, boolean present, int openCount, int forcedCount,
                       long lastAssignedAt, Set<String> teams) {

    public AgentView view() {
        return new AgentView(id, "AVAILABLE".equals(status) && present, paidSeat, capacity, openCount,
                lastAssignedAt, teams);
    }
}
