package dev.parley.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One service's share of an export. */
public record ExportPart(UUID eventId, String portalId, Instant occurredAt, String requestId, String subject,
        String service, JsonNode data) implements PrivacyEvent {

    public static ExportPart of(String portalId, String requestId, String subject, String service, JsonNode data) {
        return new ExportPart(UUID.randomUUID(), portalId, Instant.now(), requestId, subject, service, data);
    }
}
