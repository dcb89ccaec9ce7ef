package dev.parley.config.domain;

import java.time.Instant;

/**
 * routing-service's word on a chatflow ({@code state}: AVAILABLE, AWAY or AT_CAPACITY) and when it was said. Events
 * can arrive late or twice (several consumers, a replay, a rebuild reading the database while an event lands): the
 * later statement wins, whatever the order of arrival; an equal time takes the one that arrives last.
 */
public record RoutingState(String state, Instant at) {

    /** Whether {@code incoming} may replace this state. */
    public boolean yieldsTo(RoutingState incoming) {
        return !at.isAfter(incoming.at);
    }

    /** Of a stored state (or none) and an incoming one, the one to keep. */
    public static RoutingState latest(RoutingState stored, RoutingState incoming) {
        return stored == null || stored.yieldsTo(incoming) ? incoming : stored;
    }
}
