package dev.parley.config.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.config.api.ChatflowRequest;
import dev.parley.config.domain.Chatflow;
import dev.parley.config.domain.ChatflowVersion;
import dev.parley.config.repository.ChatflowRepository;
import dev.parley.config.repository.ChatflowVersionRepository;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ChatflowService {

    private final ChatflowRepository chatflows;
    private final ChatflowVersionRepository versions;
    private final Outbox outbox;

    public ChatflowService(ChatflowRepository chatflows, ChatflowVersionRepository versions, Outbox outbox) {
        this.chatflows = chatflows;
        this.versions = versions;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Chatflow> create(String portalId, ChatflowRequest request) {
        Chatflow c = new Chatflow();
        c.id = UUID.randomUUID();
        c.portalId = portalId;
        c.name = request.name();
        c.kind = request.kind();
        c.enabled = request.enabled();
        c.priority = request.priority();
        c.settings = request.settings() == null ? JsonNodeFactory.instance.objectNode() : request.settings();
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        return chatflows.persist(c);
    }

    @WithSession
    public Uni<Chatflow> get(String portalId, UUID id) {
        return find(portalId, id);
    }

    /** The new version row, the draft's version counter and the event commit together (transactional outbox). */
    @WithTransaction
    public Uni<Chatflow> publish(String portalId, UUID id) {
        return find(portalId, id).chain(c -> {
            c.publishedVersion++;
            c.updatedAt = Instant.now();
            ChatflowVersion v = new ChatflowVersion();
            v.id = new ChatflowVersion.Key(c.id, c.publishedVersion);
            ChatflowSnapshot snapshot = snapshot(c, "UTC");
            v.snapshot = EventJson.mapper().valueToTree(snapshot);
            v.publishedAt = c.updatedAt;
            ChatflowPublished event = ChatflowPublished.of(portalId, c.id.toString(), c.publishedVersion, c.kind,
                    snapshot);
            return versions.persist(v).chain(() -> outbox.stage(event)).replaceWith(c);
        });
    }

    private Uni<Chatflow> find(String portalId, UUID id) {
        return chatflows.findInPortal(portalId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("chatflow " + id));
    }

    private static ChatflowSnapshot snapshot(Chatflow c, String timeZone) {
        ChatflowSettings settings = EventJson.mapper().convertValue(c.settings, ChatflowSettings.class);
        return new ChatflowSnapshot(c.id.toString(), c.portalId, c.publishedVersion, c.kind, c.name, c.enabled,
                c.priority, timeZone, c.updatedAt, settings);
    }
}
