package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** One service finished erasing. */
public record ErasureCompleted(UUID eventId, String portalId, Instant occurredAt, String requestId, String subject,
        String service, long itemsErased) implements PrivacyEvent {

    public static ErasureCompleted of(String portalId, String requestId, String subject, String service,
            long itemsErased) {
        return new ErasureCompleted(UUID.randomUUID(), portalId, Instant.now(), requestId, subject, service,
                itemsErased);
    }
}
