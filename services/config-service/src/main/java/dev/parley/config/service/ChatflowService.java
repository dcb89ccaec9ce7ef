package dev.parley.config.service;

import dev.parley.config.api.ChatflowPatch;
import dev.parley.config.api.ChatflowRequest;
import dev.parley.config.domain.Chatflow;
import dev.parley.config.domain.ChatflowVersion;
import dev.parley.config.domain.Portal;
import dev.parley.config.domain.SettingsDefaults;
import dev.parley.config.repository.ChatflowRepository;
import dev.parley.config.repository.ChatflowVersionRepository;
import dev.parley.config.repository.PortalRepository;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowDeleted;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Chatflow drafts, their live switches, publishing and deletion. Every change that other services must know of
 * commits together with its event (transactional outbox).
 */
@ApplicationScoped
public class ChatflowService {

    private final ChatflowRepository chatflows;
    private final ChatflowVersionRepository versions;
    private final PortalRepository portals;
    private final SettingsCheck check;
    private final ChatflowAnnouncements announcements;
    private final Outbox outbox;

    public ChatflowService(ChatflowRepository chatflows, ChatflowVersionRepository versions,
                           PortalRepository portals, SettingsCheck check, ChatflowAnnouncements announcements,
                           Outbox outbox) {
        this.chatflows = chatflows;
        this.versions = versions;
        this.portals = portals;
        this.check = check;
        this.announcements = announcements;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Chatflow> create(String portalId, UUID id, ChatflowRequest request) {
        return check.validate(portalId, request.kind(), request.settings(), false).chain(portal -> {
            Chatflow c = new Chatflow();
            c.id = id;
            c.portalId = portalId;
            c.kind = request.kind();
            c.createdAt = Instant.now();
            c.enabled = Boolean.TRUE.equals(request.enabled());
            c.priority = request.priority() == null ? 0 : request.priority();
            draft(c, request);
            return chatflows.persist(c);
        });
    }

    /**
     * Replaces the draft (name, settings) and applies the live switches given; a switch that changed is
     * re-announced with the current version (see {@link ChatflowAnnouncements}).
     */
    @WithTransaction
    public Uni<Chatflow> update(String portalId, UUID id, ChatflowRequest request) {
        return find(portalId, id).chain(c -> {
            if (!c.kind.equals(request.kind())) {
                return Uni.createFrom().failure(ProblemException.badRequest("kind", "the kind cannot change"));
            }
            return check.validate(portalId, c.kind, request.settings(), false).chain(portal -> {
                draft(c, request);
                return live(c, request.enabled(), request.priority())
                        ? announcements.current(c, portal.timeZone).replaceWith(c) : Uni.createFrom().item(c);
            });
        });
    }

    /** The live switches: visitors see them at once, every instance through the re-announced version. */
    @WithTransaction
    public Uni<Chatflow> patch(String portalId, UUID id, ChatflowPatch patch) {
        return find(portalId, id).chain(c -> live(c, patch.enabled(), patch.priority())
                ? portals.findById(portalId).chain(p -> announcements.current(c, p.timeZone)).replaceWith(c)
                : Uni.createFrom().item(c));
    }

    @WithSession
    public Uni<Chatflow> get(String portalId, UUID id) {
        return find(portalId, id);
    }

    @WithSession
    public Uni<List<Chatflow>> list(String portalId) {
        return chatflows.listInPortal(portalId);
    }

    /** The draft, validated for publishing, with its effective settings (for preview). */
    @WithSession
    public Uni<Draft> draft(String portalId, UUID id) {
        return find(portalId, id).chain(c -> check.validate(portalId, c.kind, settings(c), false)
                .map(portal -> new Draft(c, portal, SettingsDefaults.effective(settings(c), c.kind, portal.name))));
    }

    public record Draft(Chatflow chatflow, Portal portal, ChatflowSettings effective) {
    }

    /** The new version row, the draft's version counter and the event commit together (transactional outbox). */
    @WithTransaction
    public Uni<Chatflow> publish(String portalId, UUID id) {
        return find(portalId, id).chain(c -> check.validate(portalId, c.kind, settings(c), true)
                .chain(portal -> publish(c, portal)));
    }

    private Uni<Chatflow> publish(Chatflow c, Portal portal) {
        c.publishedVersion++;
        c.updatedAt = Instant.now();
        ChatflowSettings effective = SettingsDefaults.effective(settings(c), c.kind, portal.name);
        ChatflowSnapshot snapshot = new ChatflowSnapshot(c.id.toString(), c.portalId, c.publishedVersion, c.kind,
                c.name, c.enabled, c.priority, portal.timeZone, c.updatedAt, effective);
        ChatflowVersion v = new ChatflowVersion();
        v.id = new ChatflowVersion.Key(c.id, c.publishedVersion);
        v.snapshot = EventJson.mapper().valueToTree(snapshot);
        v.publishedAt = c.updatedAt;
        return versions.persist(v).chain(() -> announcements.announce(snapshot)).replaceWith(c);
    }

    /** Gone for every API and for visitors; ChatflowDeleted then a tombstone clear it from the compacted topic. */
    @WithTransaction
    public Uni<Void> delete(String portalId, UUID id) {
        return find(portalId, id).chain(c -> {
            c.deletedAt = Instant.now();
            c.updatedAt = c.deletedAt;
            return outbox.stage(ChatflowDeleted.of(portalId, c.id.toString()))
                    .chain(() -> outbox.stageTombstone(Topics.CHATFLOWS, c.id.toString()));
        });
    }

    @WithSession
    public Uni<List<ChatflowVersion>> versions(String portalId, UUID id) {
        return find(portalId, id).chain(c -> versions.ofChatflow(c.id));
    }

    @WithSession
    public Uni<ChatflowVersion> version(String portalId, UUID id, int version) {
        return find(portalId, id).chain(c -> versions.find(c.id, version))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("version " + version));
    }

    private Uni<Chatflow> find(String portalId, UUID id) {
        return chatflows.findInPortal(portalId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("chatflow " + id));
    }

    private static void draft(Chatflow c, ChatflowRequest request) {
        c.name = request.name();
        c.settings = EventJson.mapper().valueToTree(request.settings() == null ? empty() : request.settings());
        c.updatedAt = Instant.now();
    }

    /** Applies the switches given; whether anything changed. */
    private static boolean live(Chatflow c, Boolean enabled, Integer priority) {
        boolean changed = enabled != null && enabled != c.enabled || priority != null && priority != c.priority;
        c.enabled = enabled == null ? c.enabled : enabled;
        c.priority = priority == null ? c.priority : priority;
        c.updatedAt = Instant.now();
        return changed;
    }

    static ChatflowSettings settings(Chatflow c) {
        return EventJson.mapper().convertValue(c.settings, ChatflowSettings.class);
    }

    private static ChatflowSettings empty() {
        return new ChatflowSettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
