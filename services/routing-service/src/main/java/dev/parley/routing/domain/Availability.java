package dev.parley.routing.domain;

import java.util.Collection;

/** A chatflow's agent availability, published on parley.availability.v1 for the widget. */
public enum Availability {
    AVAILABLE, AWAY, AT_CAPACITY;

    /**
     * AVAILABLE when an agent the rules admit can take a conversation now; AT_CAPACITY when such agents are
     * there but all full; AWAY when none is available (status, presence or seat).
     */
    public static Availability of(Collection<AgentView> agents, QueuedItem rules) {
        boolean anyone = false;
        for (AgentView agent : agents) {
            if (agent.available() && agent.paidSeat() && rules.admits(agent)) {
                if (agent.hasFreeCapacity()) {
                    return AVAILABLE;
                }
                anyone = true;
            }
        }
        return anyone ? AT_CAPACITY : AWAY;
    }
}
