package dev.parley.config.messaging;

import dev.parley.config.domain.ChatflowAvailability;
import dev.parley.config.domain.RoutingState;
import dev.parley.config.repository.ChatflowAvailabilityRepository;
import dev.parley.config.view.ResolutionView;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * routing-service's AvailabilityChanged (parley.availability.v1, compacted, keyed by chatflow), read twice:
 * <ul>
 * <li>channel {@code availability}, the service's shared group: stored once per event (idempotent through
 * processed_event), older-than-stored states ignored, then applied to this instance's view. A record that is not a
 * valid event, or names an unknown state, fails and goes to the dead-letter topic. The stored states are what a
 * starting instance (and the periodic rebuild) reads.</li>
 * <li>channel {@code view-availability}, a group of this instance's own (broadcast): applied straight to the view,
 * so every instance answers with the new state at once, not only the one the shared group handed the record to.
 * An unreadable record is logged and skipped (the shared channel parks it).</li>
 * </ul>
 */
@ApplicationScoped
public class AvailabilityConsumer {

    static final String CONSUMER = "config-service/availability";
    private static final Logger LOG = Logger.getLogger(AvailabilityConsumer.class);
    private static final Set<String> STATES = Set.of("AVAILABLE", "AWAY", "AT_CAPACITY");

    private final ProcessedEvents processed;
    private final ChatflowAvailabilityRepository states;
    private final ResolutionView view;

    public AvailabilityConsumer(ProcessedEvents processed, ChatflowAvailabilityRepository states,
                                ResolutionView view) {
        this.processed = processed;
        this.states = states;
        this.view = view;
    }

    @Incoming("view-availability")
    public void onBroadcast(String json) {
        if (json == null) {
            return;
        }
        try {
            if (EventJson.read(json) instanceof AvailabilityChanged a && valid(a)) {
                view.routingState(a.chatflowId(), a.state(), a.occurredAt());
            }
        } catch (RuntimeException e) {
            LOG.warnf("view-availability skips a record it cannot read: %s", e.getMessage());
        }
    }

    private static boolean valid(AvailabilityChanged a) {
        return STATES.contains(a.state()) && a.chatflowId() != null && a.chatflowId().length() <= 64
                && a.occurredAt() != null;
    }

    @Incoming("availability")
    public Uni<Void> onAvailability(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        AtomicReference<AvailabilityChanged> stored = new AtomicReference<>();
        return processed.consume(CONSUMER, json, event -> store(event, stored))
                .invoke(() -> {
                    AvailabilityChanged a = stored.get();
                    if (a != null) {
                        view.routingState(a.chatflowId(), a.state(), a.occurredAt());
                    }
                });
    }

    private Uni<Void> store(ParleyEvent event, AtomicReference<AvailabilityChanged> stored) {
        if (!(event instanceof AvailabilityChanged a)) {
            return Uni.createFrom().voidItem();
        }
        if (!valid(a)) {
            return Uni.createFrom().failure(new IllegalArgumentException("AvailabilityChanged with state "
                    + a.state() + " for chatflow " + a.chatflowId()));
        }
        return states.findById(a.chatflowId()).chain(row -> {
            if (row != null && !new RoutingState(row.state, row.changedAt)
                    .yieldsTo(new RoutingState(a.state(), a.occurredAt()))) {
                return Uni.createFrom().voidItem();
            }
            ChatflowAvailability r = row != null ? row : new ChatflowAvailability();
            r.chatflowId = a.chatflowId();
            r.portalId = a.portalId();
            r.state = a.state();
            r.changedAt = a.occurredAt();
            stored.set(a);
            return row != null ? Uni.createFrom().voidItem() : states.persist(r).replaceWithVoid();
        });
    }
}
