package dev.parley.config.service;

import dev.parley.config.domain.Chatflow;
import dev.parley.config.domain.Portal;
import dev.parley.config.repository.ChatflowRepository;
import dev.parley.config.repository.ChatflowVersionRepository;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.kit.messaging.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What goes on parley.chatflows.v1 when what visitors get changes (call inside the change's transaction: the
 * event is staged in the outbox and commits with it).
 *
 * <p>A publish announces its new version. A change that alters the answer without a new version — a live switch
 * (enabled, priority), the portal's time zone or its widget appearance — <b>re-announces</b> the current version of
 * each chatflow concerned: a {@code ChatflowPublished} with the same version number and settings and the chatflow's
 * enabled/priority and the portal's time zone as they are now. So the compacted topic's latest record per chatflow is
 * always its current state (other services' catalogs keep the first record of a version and are unaffected), and
 * every config-service instance refreshes the portal from it ({@code ChatflowChangesConsumer}). Unpublished
 * chatflows are not announced: visitors cannot get them.
 */
@ApplicationScoped
public class ChatflowAnnouncements {

    private final ChatflowRepository chatflows;
    private final ChatflowVersionRepository versions;
    private final Outbox outbox;

    public ChatflowAnnouncements(ChatflowRepository chatflows, ChatflowVersionRepository versions, Outbox outbox) {
        this.chatflows = chatflows;
        this.versions = versions;
        this.outbox = outbox;
    }

    /** A new version (or a re-announced one). */
    Uni<Void> announce(ChatflowSnapshot s) {
        return outbox.stage(ChatflowPublished.of(s.portalId(), s.chatflowId(), s.version(), s.kind(), s));
    }

    /** The current version of {@code c} with its live switches as they are now and the portal's time zone. */
    Uni<Void> current(Chatflow c, String timeZone) {
        if (c.publishedVersion == 0 || c.deletedAt != null) {
            return Uni.createFrom().voidItem();
        }
        return versions.find(c.id, c.publishedVersion).chain(v -> v == null ? Uni.createFrom().voidItem()
                : announce(live(v.toSnapshot(), c, timeZone)));
    }

    /** Every published chatflow of the portal (after a change of its time zone or appearance). */
    Uni<Void> portal(Portal p) {
        return chatflows.published(p.id).chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(c -> current(c, p.timeZone))
                .collect().last().replaceWithVoid());
    }

    private static ChatflowSnapshot live(ChatflowSnapshot s, Chatflow c, String timeZone) {
        return new ChatflowSnapshot(s.chatflowId(), s.portalId(), s.version(), s.kind(), s.name(), c.enabled,
                c.priority, timeZone, s.publishedAt(), s.settings());
    }
}
