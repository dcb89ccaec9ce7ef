package dev.parley.config.domain;

import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings;
import java.time.Instant;

/**
 * What a visitor is told about reaching an agent, decided from the chatflow's availability mode, its business
 * hours, routing-service's latest state for the chatflow (AvailabilityChanged) and the chatflow's behaviours.
 *
 * <ul>
 *   <li>ALWAYS: agents count as reachable; BUSINESS_HOURS: reachable inside the hours; USERS: reachable when
 *   routing says AVAILABLE or AT_CAPACITY (no word from routing yet = nobody available).</li>
 *   <li>Not reachable → the away behaviour: HIDE_WIDGET → HIDDEN; SHOW_AWAY_MESSAGE → AWAY with the message;
 *   SHOW_RETURN_TIME → AWAY with the next opening (business hours only) and the message.</li>
 *   <li>Reachable but routing says AT_CAPACITY (every eligible agent full) → the at-capacity behaviour:
 *   SHOW_WAITING_MESSAGE → AT_CAPACITY with the message; HIDE_WIDGET → HIDDEN; NOTHING → AVAILABLE.</li>
 * </ul>
 */
public final class Availability {

    public enum State { AVAILABLE, AWAY, AT_CAPACITY, HIDDEN }

    /** The answer; {@code typicalResponseTime} only when AVAILABLE, {@code returnsAt} only when known. */
    public record View(State state, String typicalResponseTime, String message, Instant returnsAt) {
    }

    private Availability() {
    }

    /**
     * @param routingState AVAILABLE, AWAY, AT_CAPACITY or null when routing has said nothing for this chatflow
     * @param hours        the compiled business hours (used in BUSINESS_HOURS mode)
     */
    public static View decide(ChatflowSettings.Availability settings, BusinessHours hours, String routingState,
                              Instant now) {
        String mode = settings.mode();
        boolean reachable = switch (mode) {
            case "BUSINESS_HOURS" -> hours.isOpen(now);
            case "USERS" -> "AVAILABLE".equals(routingState) || "AT_CAPACITY".equals(routingState);
            default -> true;
        };
        if (!reachable) {
            Instant returnsAt = "BUSINESS_HOURS".equals(mode) ? hours.nextOpening(now) : null;
            return away(settings.away(), returnsAt);
        }
        if ("AT_CAPACITY".equals(routingState)) {
            return atCapacity(settings.atCapacity(), settings.typicalResponseTime());
        }
        return new View(State.AVAILABLE, settings.typicalResponseTime(), null, null);
    }

    private static View away(ChatflowSettings.Away away, Instant returnsAt) {
        String behaviour = away == null ? "SHOW_AWAY_MESSAGE" : away.behaviour();
        String message = away == null ? null : away.message();
        return switch (behaviour) {
            case "HIDE_WIDGET" -> new View(State.HIDDEN, null, null, null);
            case "SHOW_RETURN_TIME" -> new View(State.AWAY, null, message, returnsAt);
            default -> new View(State.AWAY, null, message, null);
        };
    }

    private static View atCapacity(ChatflowSettings.AtCapacity atCapacity, String typicalResponseTime) {
        String behaviour = atCapacity == null ? "SHOW_WAITING_MESSAGE" : atCapacity.behaviour();
        return switch (behaviour) {
            case "HIDE_WIDGET" -> new View(State.HIDDEN, null, null, null);
            case "NOTHING" -> new View(State.AVAILABLE, typicalResponseTime, null, null);
            default -> new View(State.AT_CAPACITY, null, atCapacity == null ? null : atCapacity.message(), null);
        };
    }
}
