package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** {@code state}: AVAILABLE, AWAY or AT_CAPACITY. */
public record AvailabilityChanged(UUID eventId, String portalId, Instant occurredAt, String chatflowId,
        String state) implements AvailabilityEvent {

    public static AvailabilityChanged of(String portalId, String chatflowId, String state) {
        return new AvailabilityChanged(UUID.randomUUID(), portalId, Instant.now(), chatflowId, state);
    }
}
