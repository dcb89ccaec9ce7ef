package dev.parley.consent.privacy;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ErasureCompleted;
import dev.parley.contracts.events.ExportPart;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * consent-service's second group on parley.privacy.v1 ({@code consent-service-reports}): every service's
 * ErasureCompleted / ExportPart, recorded against the request. The kit's PrivacyRequestConsumer reads the same topic
 * in group {@code consent-service} to run consent-service's own part; the two never wait on each other.
 */
@ApplicationScoped
public class PrivacyReports {

    private final ProcessedEvents processed;
    private final PrivacyRequests requests;

    public PrivacyReports(ProcessedEvents processed, PrivacyRequests requests) {
        this.processed = processed;
        this.requests = requests;
    }

    @Incoming("privacy-reports")
    public Uni<Void> onPrivacyEvent(String json) {
        return json == null ? Uni.createFrom().voidItem()
                : processed.consume("consent-service/privacy-reports", json, this::apply);
    }

    private Uni<Void> apply(ParleyEvent event) {
        if (event instanceof ErasureCompleted done) {
            return requests.report(done.portalId(), done.requestId(), done.service(), done.itemsErased(), null);
        }
        if (event instanceof ExportPart part) {
            return requests.report(part.portalId(), part.requestId(), part.service(), null, part.data());
        }
        return Uni.createFrom().voidItem();
    }
}
