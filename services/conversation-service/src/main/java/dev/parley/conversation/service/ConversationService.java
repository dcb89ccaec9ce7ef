package dev.parley.conversation.service;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.MessagePosted;
import dev.parley.contracts.events.VisitorIdentified;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.PostPolicy;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import dev.parley.kit.messaging.ChatflowCatalog;
import dev.parley.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Conversation writes. Each runs in one transaction that also stages the announcing event in the outbox, so a stored
 * message and its MessagePosted commit together (or neither does). The conversation row is locked first: messages of
 * one conversation are numbered strictly one after the other, and a seq is visible only once all smaller ones are.
 */
@ApplicationScoped
public class ConversationService {

    /** A sender's message. {@code clientMsgId} null for messages no client retries (the welcome message). */
    public record Post(String conversationId, String sender, String senderId, String senderName, String clientMsgId,
                       String text) {
    }

    /** The outcome of a post: stored (possibly earlier, {@code duplicate}) or refused with a protocol error code. */
    public record Posted(long seq, Instant sentAt, boolean duplicate, String refusal, Conversation conversation) {
        public boolean refused() {
            return refusal != null;
        }
    }

    private final ConversationRepository repo;
    private final Outbox outbox;
    private final ChatflowCatalog catalog;

    public ConversationService(ConversationRepository repo, Outbox outbox, ChatflowCatalog catalog) {
        this.repo = repo;
        this.outbox = outbox;
        this.catalog = catalog;
    }

    /** The visitor's open conversation on this chatflow, or a new one on the chatflow's latest version. */
    public Uni<Optional<Conversation>> openOrGet(Visitor visitor, String chatflowId, String pageUrl) {
        return catalog.latest(visitor.portalId(), chatflowId).chain(entry -> entry.isEmpty() || entry.get().deleted()
                ? Uni.createFrom().item(Optional.<Conversation>empty())
                : Panache.withTransaction(() -> repo.openOf(visitor.portalId(), visitor.visitorId(), chatflowId)
                        .chain(open -> open.isPresent() ? Uni.createFrom().item(open)
                                : create(visitor, entry.get(), pageUrl).map(Optional::of))));
    }

    private Uni<Conversation> create(Visitor visitor, ChatflowCatalog.Entry entry, String pageUrl) {
        ChatflowSettings s = entry.snapshot().settings();
        boolean explicit = s.consent() != null && s.consent().processing() != null
                && "EXPLICIT".equals(s.consent().processing().basis());
        String emailMode = s.emailCapture() == null || s.emailCapture().mode() == null ? "NEVER"
                : s.emailCapture().mode();
        String id = UUID.randomUUID().toString();
        Uni<Integer> insert = repo.update("insert into conversation (id, portal_id, visitor_id, contact_email,"
                + " chatflow_id, chatflow_version, inbox_id, page_url, status, consent_required, email_capture_mode)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN', ?9, ?10)", id, visitor.portalId(),
                visitor.visitorId(), visitor.contactEmail(), entry.chatflowId(), entry.version(), s.inboxId(),
                pageUrl, explicit, emailMode);
        String welcome = s.welcomeMessage();
        return insert.chain(() -> welcome == null || welcome.isBlank() ? Uni.createFrom().voidItem()
                        : store(new Post(id, "BOT", null, brand(s), null, welcome)).replaceWithVoid())
                .chain(() -> repo.lock(id)).map(Optional::orElseThrow);
    }

    private static String brand(ChatflowSettings s) {
        return s.header() != null && s.header().brandName() != null ? s.header().brandName() : "Parley";
    }

    /** Stores a message once per clientMsgId; {@code allowed} (the caller's access) is checked under the lock. */
    public Uni<Posted> post(Post post, Predicate<Conversation> allowed) {
        return Panache.withTransaction(() -> repo.lock(post.conversationId()).chain(found -> {
            if (found.isEmpty() || !allowed.test(found.get())) {
                return Uni.createFrom().item(new Posted(0, null, false, "not_found", null));
            }
            Conversation c = found.get();
            return existing(post).chain(dup -> dup.isPresent() ? Uni.createFrom().item(dup.get())
                    : PostPolicy.refusal(c, post.sender(), post.text())
                            .map(code -> Uni.createFrom().item(new Posted(0, null, false, code, c)))
                            .orElseGet(() -> firstVisitorMessage(c, post).chain(() -> store(post))
                                    .map(p -> new Posted(p.seq(), p.sentAt(), false, null, c))));
        }));
    }

    private Uni<Optional<Posted>> existing(Post post) {
        if (post.clientMsgId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return repo.list("select seq, sent_at from message where conversation_id = ?1 and sender = ?2"
                        + " and client_msg_id = ?3", post.conversationId(), post.sender(), post.clientMsgId())
                .map(rows -> rows.stream().findFirst().map(r -> new Posted(((Number) r[0]).longValue(),
                        Times.instant(r[1]), true, null, null)));
    }

    /** The first visitor message starts the conversation (and routes it): ConversationStarted precedes it. */
    private Uni<Void> firstVisitorMessage(Conversation c, Post post) {
        if (c.started() || !"VISITOR".equals(post.sender())) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> started = repo.update("update conversation set started = true where id = ?1", c.id())
                .chain(() -> outbox.stage(ConversationStarted.of(c.portalId(), c.id(), c.chatflowId(),
                        c.chatflowVersion(), c.inboxId(), c.visitorId(), c.contactEmail(), c.pageUrl(), "WEB")));
        return c.contactEmail() == null ? started : started.chain(() -> outbox.stage(VisitorIdentified.of(
                c.portalId(), c.id(), c.visitorId(), c.contactEmail(), null, null)));
    }

    /** Numbers and stores one message; the caller holds the conversation's row lock. */
    Uni<Posted> store(Post post) {
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String messageId = UUID.randomUUID().toString();
        return repo.list("update conversation set last_seq = last_seq + 1, updated_at = now(),"
                        + " last_activity_at = case when ?2 = 'VISITOR' or ?2 = 'AGENT' then now()"
                        + " else last_activity_at end where id = ?1 returning last_seq, portal_id",
                        post.conversationId(), post.sender())
                .chain(rows -> {
                    long seq = ((Number) rows.get(0)[0]).longValue();
                    String portalId = (String) rows.get(0)[1];
                    return repo.update("insert into message (conversation_id, seq, message_id, client_msg_id, sender,"
                                    + " sender_id, sender_name, text, sent_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                    post.conversationId(), seq, messageId, post.clientMsgId(), post.sender(),
                                    post.senderId(), post.senderName(), post.text(), ConversationRepository.utc(sentAt))
                            .chain(() -> outbox.stage(MessagePosted.of(portalId, post.conversationId(), seq, messageId,
                                    post.clientMsgId(), post.sender(), post.senderId(), post.senderName(), post.text(),
                                    sentAt)))
                            .replaceWith(new Posted(seq, sentAt, false, null, null));
                });
    }

    /**
     * Runs {@code effect} on the locked conversation in one transaction (state change + outbox event); empty when the
     * conversation is not there or not {@code allowed}.
     */
    public Uni<Optional<Conversation>> apply(String conversationId, Predicate<Conversation> allowed,
                                             Function<Conversation, Uni<Void>> effect) {
        return Panache.withTransaction(() -> repo.lock(conversationId).chain(found -> found.isEmpty()
                || !allowed.test(found.get()) ? Uni.createFrom().item(Optional.<Conversation>empty())
                : effect.apply(found.get()).replaceWith(found)));
    }

    public ConversationRepository repository() {
        return repo;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Closes an open conversation; false when it was not open (or not there). */
    public Uni<Boolean> close(String conversationId, String closedBy, String closedById) {
        return Panache.withTransaction(() -> repo.lock(conversationId).chain(found -> {
            if (found.isEmpty() || found.get().closed()) {
                return Uni.createFrom().item(false);
            }
            Conversation c = found.get();
            return repo.update("update conversation set status = 'CLOSED', updated_at = now() where id = ?1", c.id())
                    .chain(() -> outbox.stage(ConversationClosed.of(c.portalId(), c.id(), c.chatflowId(), closedBy,
                            closedById, c.assignedAgentId())))
                    .replaceWith(true);
        }));
    }

    public Uni<Boolean> reopen(String conversationId, String reopenedBy) {
        return Panache.withTransaction(() -> repo.lock(conversationId).chain(found -> {
            if (found.isEmpty() || !found.get().closed()) {
                return Uni.createFrom().item(false);
            }
            Conversation c = found.get();
            return repo.update("update conversation set status = case when assigned_agent_id is null then 'OPEN'"
                            + " else 'ASSIGNED' end, updated_at = now(), last_activity_at = now() where id = ?1", c.id())
                    .chain(() -> outbox.stage(ConversationReopened.of(c.portalId(), c.id(), reopenedBy)))
                    .replaceWith(true);
        }));
    }
}
