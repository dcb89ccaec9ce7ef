package dev.parley.conversation.messaging;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConsentRecorded;
import dev.parley.contracts.events.ConsentWithdrawn;
import dev.parley.conversation.service.ConversationRepository;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consents decided outside the chat (consent-service's ledger: the cookie banner, an admin, a privacy request) applied
 * to the visitor's open conversations, so the chat enforces the ledger's current state:
 * <ul>
 *   <li>{@code ConsentWithdrawn} of PROCESSING: where the conversation's chatflow asks for explicit consent, visitor
 *   messages are refused again ({@code consent_required}) until the visitor agrees anew;</li>
 *   <li>{@code ConsentRecorded} of PROCESSING, granted, for that chatflow: unlocks the visitor's open conversations on
 *   it (consent given through another channel counts).</li>
 * </ul>
 * Each changed conversation gets a CONSENT entry in its thread. One shared consumer group, idempotent through the
 * kit's processed-event log; poison → .dlq.
 */
@ApplicationScoped
public class ConsentState {

    private final ProcessedEvents processed;
    private final ConversationRepository repo;
    private final SystemEntries entries;

    public ConsentState(ProcessedEvents processed, ConversationRepository repo, SystemEntries entries) {
        this.processed = processed;
        this.repo = repo;
        this.entries = entries;
    }

    @Incoming("consents")
    public Uni<Void> consume(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        List<String> changed = new ArrayList<>();
        return processed.consume("consent-state", json, event -> apply(event, changed),
                event -> changed.isEmpty() ? Uni.createFrom().voidItem() : entriesFor(event, changed));
    }

    private Uni<Void> apply(ParleyEvent event, List<String> changed) {
        String sql;
        Object[] params;
        if (event instanceof ConsentWithdrawn w && "PROCESSING".equals(w.kind()) && w.subjectVisitorId() != null) {
            sql = "update conversation set consent_given = false, updated_at = now() where portal_id = ?1"
                    + " and visitor_id = ?2 and status <> 'CLOSED' and consent_required and consent_given"
                    + " returning id";
            params = new Object[] {w.portalId(), w.subjectVisitorId()};
        } else if (event instanceof ConsentRecorded r && "PROCESSING".equals(r.kind()) && r.granted()
                && r.subjectVisitorId() != null && r.chatflowId() != null) {
            sql = "update conversation set consent_given = true, updated_at = now() where portal_id = ?1"
                    + " and visitor_id = ?2 and chatflow_id = ?3 and status <> 'CLOSED' and consent_required"
                    + " and not consent_given returning id";
            params = new Object[] {r.portalId(), r.subjectVisitorId(), r.chatflowId()};
        } else {
            return Uni.createFrom().voidItem();
        }
        changed.clear(); // a retried transaction starts over
        return repo.list(sql, params).invoke(rows -> ((List<?>) rows).forEach(row ->
                        changed.add(String.valueOf(row instanceof Object[] columns ? columns[0] : row))))
                .replaceWithVoid();
    }

    /** After the commit: a CONSENT entry in each changed conversation (once per event and conversation). */
    private Uni<Void> entriesFor(ParleyEvent event, List<String> conversations) {
        String text = event instanceof ConsentWithdrawn ? "Consent to process data: withdrawn"
                : "Consent to process data: given (recorded outside the chat)";
        return Multi.createFrom().iterable(conversations)
                .onItem().transformToUniAndConcatenate(id -> entries.note(event, id, "CONSENT", text))
                .collect().last().replaceWithVoid();
    }
}
