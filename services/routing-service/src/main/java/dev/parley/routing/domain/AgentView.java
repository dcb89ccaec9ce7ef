package dev.parley.routing.domain;

import java.util.Set;

/**
 * What a routing decision needs to know of one agent. {@code available}: status AVAILABLE and present (connected,
 * or disconnected for less than the grace period). {@code lastAssignedAt}: epoch millis, {@code Long.MIN_VALUE}
 * when never assigned (the longest idle of all).
 */
public record AgentView(String id, boolean available, boolean paidSeat, int capacity, int open, long lastAssignedAt,
                        Set<String> teams) {

    public AgentView {
        teams = Set.copyOf(teams);
    }

    public boolean hasFreeCapacity() {
        return open < capacity;
    }

    /** Can take a new conversation at all (whatever the conversation's rules). */
    public boolean canTake() {
        return available && paidSeat && hasFreeCapacity();
    }

    /** Holds one more conversation, assigned at {@code now}. */
    public AgentView plusOne(long now) {
        return new AgentView(id, available, paidSeat, capacity, open + 1, now, teams);
    }
}
