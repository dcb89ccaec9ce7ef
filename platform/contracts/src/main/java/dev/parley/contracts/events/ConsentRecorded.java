package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A ledger entry was appended (from the chat or the cookie banner). */
public record ConsentRecorded(UUID eventId, String portalId, Instant occurredAt, String entryId,
        String subjectVisitorId, String subjectEmail, String chatflowId, int chatflowVersion, String kind, String basis,
        boolean granted, String textHash) implements ConsentEvent {

    public static ConsentRecorded of(String portalId, String entryId, String subjectVisitorId, String subjectEmail,
            String chatflowId, int chatflowVersion, String kind, String basis, boolean granted, String textHash) {
        return new ConsentRecorded(UUID.randomUUID(), portalId, Instant.now(), entryId, subjectVisitorId, subjectEmail,
                chatflowId, chatflowVersion, kind, basis, granted, textHash);
    }
}
