package dev.parley.kit.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

/**
 * A service's share of a privacy request (parley.privacy.v1). Every service has exactly one bean implementing it;
 * {@link PrivacyRequestConsumer} calls it inside the transaction that also records the request as processed and
 * stages the service's report (ErasureCompleted / ExportPart) in the outbox, so a report is published exactly when
 * the work committed.
 */
public interface PrivacyPart {

    /**
     * Removes or anonymises what this service holds about {@code subject} in {@code portalId} and returns how many
     * items changed. Must be idempotent: a second request for the same subject changes nothing and returns 0.
     */
    Uni<Long> erase(String portalId, PrivacySubject subject);

    /** What this service holds about {@code subject} in {@code portalId}, as a JSON object (empty when nothing). */
    Uni<JsonNode> export(String portalId, PrivacySubject subject);
}
