package dev.parley.kit.privacy;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ErasureCompleted;
import dev.parley.contracts.events.ErasureRequested;
import dev.parley.contracts.events.ExportPart;
import dev.parley.contracts.events.ExportRequested;
import dev.parley.kit.messaging.Outbox;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every service's reader of parley.privacy.v1: runs the service's {@link PrivacyPart} for ErasureRequested and
 * ExportRequested and reports ErasureCompleted / ExportPart (named by {@code quarkus.application.name}) through the
 * outbox, in one transaction with the processed-event record. A service that was down catches up from its committed
 * offset when it comes back; a redelivered request does nothing twice.
 */
@ApplicationScoped
public class PrivacyRequestConsumer {

    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final Instance<PrivacyPart> part;
    private final String service;

    public PrivacyRequestConsumer(ProcessedEvents processed, Outbox outbox, Instance<PrivacyPart> part,
                                  @ConfigProperty(name = "quarkus.application.name") String service) {
        this.processed = processed;
        this.outbox = outbox;
        this.part = part;
        this.service = service;
    }

    @Incoming("privacy-requests")
    public Uni<Void> onPrivacyEvent(String json) {
        return processed.consume(service + "/privacy-requests", json, this::apply);
    }

    private Uni<Void> apply(ParleyEvent event) {
        if (event instanceof ErasureRequested erasure) {
            return part().erase(erasure.portalId(), PrivacySubject.parse(erasure.subject()))
                    .chain(items -> outbox.stage(ErasureCompleted.of(erasure.portalId(), erasure.requestId(),
                            erasure.subject(), service, items)));
        }
        if (event instanceof ExportRequested export) {
            return part().export(export.portalId(), PrivacySubject.parse(export.subject()))
                    .chain(data -> outbox.stage(ExportPart.of(export.portalId(), export.requestId(),
                            export.subject(), service, data)));
        }
        // ErasureCompleted and ExportPart are the services' reports: consent-service reads them in its own group.
        return Uni.createFrom().voidItem();
    }

    private PrivacyPart part() {
        if (!part.isResolvable()) {
            throw new IllegalStateException(service + " declares no PrivacyPart bean");
        }
        return part.get();
    }
}
