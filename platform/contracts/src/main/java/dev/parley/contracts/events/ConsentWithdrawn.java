package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A withdrawal entry was appended. */
public record ConsentWithdrawn(UUID eventId, String portalId, Instant occurredAt, String entryId,
        String subjectVisitorId, String subjectEmail, String kind, String subscriptionType) implements ConsentEvent {

    public static ConsentWithdrawn of(String portalId, String entryId, String subjectVisitorId, String subjectEmail,
            String kind, String subscriptionType) {
        return new ConsentWithdrawn(UUID.randomUUID(), portalId, Instant.now(), entryId, subjectVisitorId, subjectEmail,
                kind, subscriptionType);
    }
}
