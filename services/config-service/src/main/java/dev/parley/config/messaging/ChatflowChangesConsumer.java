package dev.parley.config.messaging;

import dev.parley.config.view.ResolutionView;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.events.ChatflowEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps every instance's resolution view current with changes made through any instance: each instance reads
 * parley.chatflows.v1 in a consumer group of its own (broadcast, channel {@code view-chatflows}) and re-reads from the
 * database each portal named by a {@code ChatflowPublished} (a publish, or a re-announcement after a live switch, a
 * time-zone or an appearance change) or a {@code ChatflowDeleted}. The event is relayed only after its transaction
 * committed, so the database already holds the change; a portal named several times in one poll is read once.
 * Records this instance wrote itself come back too and cost one more read of an unchanged portal (its memoised
 * answers are kept). Unreadable records are logged and skipped: the database stays the source of truth and the
 * periodic rebuild the safety net.
 */
@ApplicationScoped
public class ChatflowChangesConsumer {

    private static final Logger LOG = Logger.getLogger(ChatflowChangesConsumer.class);

    private final ResolutionView view;

    public ChatflowChangesConsumer(ResolutionView view) {
        this.view = view;
    }

    @Incoming("view-chatflows")
    public Uni<Void> onChanges(List<String> jsons) {
        Set<String> portals = new LinkedHashSet<>();
        for (String json : jsons) {
            if (json == null) {
                continue; // the tombstone after a ChatflowDeleted
            }
            try {
                if (EventJson.read(json) instanceof ChatflowEvent e && e.portalId() != null) {
                    portals.add(e.portalId());
                }
            } catch (RuntimeException e) {
                LOG.warnf("view-chatflows skips a record it cannot read: %s", e.getMessage());
            }
        }
        return Multi.createFrom().iterable(portals)
                .onItem().transformToUniAndConcatenate(this::refresh)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> refresh(String portalId) {
        return view.refresh(portalId).onFailure().recoverWithItem(e -> {
            LOG.warnf("view refresh of portal %s failed, the periodic rebuild will catch up: %s", portalId, e);
            return null;
        });
    }
}
