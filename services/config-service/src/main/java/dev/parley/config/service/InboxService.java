package dev.parley.config.service;

import dev.parley.config.api.InboxRequest;
import dev.parley.config.domain.Inbox;
import dev.parley.config.repository.ChatflowRepository;
import dev.parley.config.repository.InboxRepository;
import dev.parley.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Inboxes and help desks. One in use by a chatflow can neither be deleted nor lose its chat channel. */
@ApplicationScoped
public class InboxService {

    private final InboxRepository inboxes;
    private final ChatflowRepository chatflows;

    public InboxService(InboxRepository inboxes, ChatflowRepository chatflows) {
        this.inboxes = inboxes;
        this.chatflows = chatflows;
    }

    @WithTransaction
    public Uni<Inbox> create(String portalId, UUID id, InboxRequest request) {
        Inbox i = new Inbox();
        i.id = id;
        i.portalId = portalId;
        i.createdAt = Instant.now();
        apply(i, request);
        return inboxes.persist(i);
    }

    @WithTransaction
    public Uni<Inbox> update(String portalId, UUID id, InboxRequest request) {
        return find(portalId, id).chain(i -> (i.chatConnected && !request.chatConnected()
                ? refuseIfUsed(portalId, i, "disconnect the chat channel of") : Uni.createFrom().voidItem())
                .invoke(() -> apply(i, request)).replaceWith(i));
    }

    @WithTransaction
    public Uni<Void> delete(String portalId, UUID id) {
        return find(portalId, id).chain(i -> refuseIfUsed(portalId, i, "delete")
                .chain(() -> inboxes.delete(i)));
    }

    @WithSession
    public Uni<Inbox> get(String portalId, UUID id) {
        return find(portalId, id);
    }

    @WithSession
    public Uni<List<Inbox>> list(String portalId) {
        return inboxes.listInPortal(portalId);
    }

    private Uni<Void> refuseIfUsed(String portalId, Inbox i, String action) {
        return chatflows.countUsingInbox(portalId, i.id.toString()).invoke(n -> {
            if (n > 0) {
                throw ProblemException.conflict("inbox_in_use",
                        "cannot " + action + " an inbox used by " + n + " chatflow(s)");
            }
        }).replaceWithVoid();
    }

    private Uni<Inbox> find(String portalId, UUID id) {
        return inboxes.findInPortal(portalId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("inbox " + id));
    }

    private static void apply(Inbox i, InboxRequest request) {
        i.name = request.name();
        i.kind = request.kind() == null ? "INBOX" : request.kind();
        i.chatConnected = request.chatConnected();
        i.updatedAt = Instant.now();
    }
}
