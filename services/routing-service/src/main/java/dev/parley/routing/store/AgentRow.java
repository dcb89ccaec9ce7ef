package dev.parley.routing.store;

import dev.parley.routing.domain.AgentView;
import java.util.Set;

/**
 * One stored agent as the API and the decisions see it. {@code graceLeftMillis}: for an agent present without a
 * socket, the milliseconds of grace period left (≤ 0 = over, the agent is absent even before the row says so);
 * null otherwise (and in the API's reads).
 */
public record AgentRow(String id, String displayName, String avatarUrl, boolean paidSeat, int capacity,
                       String status, int connections, boolean present, int openCount, int forcedCount,
                       long lastAssignedAt, Set<String> teams, Long graceLeftMillis) {

    /** Present without a socket for longer than the grace period: to be marked absent. */
    public boolean graceOver() {
        return graceLeftMillis != null && graceLeftMillis <= 0;
    }

    public AgentView view() {
        return new AgentView(id, "AVAILABLE".equals(status) && present && !graceOver(), paidSeat, capacity,
                openCount, lastAssignedAt, teams);
    }
}
