package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Every service erases what it holds about the subject. */
public record ErasureRequested(UUID eventId, String portalId, Instant occurredAt, String requestId,
        String subject) implements PrivacyEvent {

    public static ErasureRequested of(String portalId, String requestId, String subject) {
        return new ErasureRequested(UUID.randomUUID(), portalId, Instant.now(), requestId, subject);
    }
}
