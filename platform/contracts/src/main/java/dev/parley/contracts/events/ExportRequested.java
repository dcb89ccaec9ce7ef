package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Every service exports what it holds about the subject. */
public record ExportRequested(UUID eventId, String portalId, Instant occurredAt, String requestId,
        String subject) implements PrivacyEvent {

    public static ExportRequested of(String portalId, String requestId, String subject) {
        return new ExportRequested(UUID.randomUUID(), portalId, Instant.now(), requestId, subject);
    }
}
