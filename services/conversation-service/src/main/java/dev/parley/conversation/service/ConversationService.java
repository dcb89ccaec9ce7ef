package dev.parley.conversation.service;

import dev.parley.contracts.ParleyEvent;
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
import dev.parley.kit.messaging.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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

    private static final String OPEN_OF = "select " + ConversationRepository.COLUMNS + " from conversation"
            + " where portal_id = $1 and visitor_id = $2 and chatflow_id = $3 and status <> 'CLOSED'"
            + " order by created_at desc limit 1";
    private static final String CREATE = "insert into conversation (id, portal_id, visitor_id, contact_email,"
            + " chatflow_id, chatflow_version, inbox_id, page_url, status, consent_required, email_capture_mode)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN', $9, $10) returning " + ConversationRepository.COLUMNS;
    /** The conversation, locked, with the stored copy of this sender's clientMsgId if there is one. */
    private static final String LOCK_WITH_COPY = "select " + ConversationRepository.COLUMNS.replaceAll("(\\w+)",
            "c.$1") + ", m.seq as copy_seq, m.sent_at as copy_sent_at from conversation c left join message m"
            + " on m.conversation_id = c.id and m.sender = $2 and m.client_msg_id = $3 where c.id = $1 for update of c";
    /** The row lock serialises writers of a conversation, so the seq read under it + 1 is the next one, gapless. */
    private static final String NUMBER = "update conversation set last_seq = $2, started = started or $3,"
            + " updated_at = now(), last_activity_at = case when $4 then now() else last_activity_at end"
            + " where id = $1";
    private static final String INSERT_MESSAGE = "insert into message (conversation_id, seq, message_id,"
            + " client_msg_id, sender, sender_id, sender_name, text, sent_at)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private final ConversationRepository repo;
    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ChatflowCatalog catalog;

    public ConversationService(ConversationRepository repo, Pool pool, Outbox outbox, OutboxRelay relay,
                               ChatflowCatalog catalog) {
        this.repo = repo;
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.catalog = catalog;
    }

    /** The visitor's open conversation on this chatflow, or a new one on the chatflow's latest version. */
    public Uni<Optional<Conversation>> openOrGet(Visitor visitor, String chatflowId, String pageUrl) {
        return catalog.latest(visitor.portalId(), chatflowId).chain(entry -> entry.isEmpty() || entry.get().deleted()
                ? Uni.createFrom().item(Optional.<Conversation>empty())
                : pool.withTransaction(connection -> connection.preparedQuery(OPEN_OF)
                                .execute(Tuple.of(visitor.portalId(), visitor.visitorId(), chatflowId))
                                .chain(open -> open.size() > 0
                                        ? Uni.createFrom().item(MessageLog.conversation(open.iterator().next()))
                                        : create(connection, visitor, entry.get(), pageUrl)))
                        .invoke(conversation -> relay.committed())
                        .map(Optional::of));
    }

    private Uni<Conversation> create(SqlConnection connection, Visitor visitor, ChatflowCatalog.Entry entry,
                                     String pageUrl) {
        ChatflowSettings s = entry.snapshot().settings();
        boolean explicit = s.consent() != null && s.consent().processing() != null
                && "EXPLICIT".equals(s.consent().processing().basis());
        String emailMode = s.emailCapture() == null || s.emailCapture().mode() == null ? "NEVER"
                : s.emailCapture().mode();
        String welcome = s.welcomeMessage();
        return connection.preparedQuery(CREATE).execute(Tuple.from(new Object[] {UUID.randomUUID().toString(),
                        visitor.portalId(), visitor.visitorId(), visitor.contactEmail(), entry.chatflowId(),
                        entry.version(), s.inboxId(), pageUrl, explicit, emailMode}))
                .map(rows -> MessageLog.conversation(rows.iterator().next()))
                .chain(c -> welcome == null || welcome.isBlank() ? Uni.createFrom().item(c)
                        : store(connection, c, new Post(c.id(), "BOT", null, brand(s), null, welcome))
                                .map(posted -> c.withLastSeq(posted.seq())));
    }

    private static String brand(ChatflowSettings s) {
        return s.header() != null && s.header().brandName() != null ? s.header().brandName() : "Parley";
    }

    /**
     * Stores a message once per clientMsgId; {@code allowed} (the caller's access) is checked under the lock.
     * The hot path, so it runs on the reactive pool without the ORM session, in four round trips: BEGIN, the locked
     * conversation with any earlier copy of this clientMsgId, the numbered write (pipelined), COMMIT; its events are
     * staged quietly and the relay is woken after the commit.
     */
    public Uni<Posted> post(Post post, Predicate<Conversation> allowed) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_WITH_COPY)
                        .execute(Tuple.of(post.conversationId(), post.sender(), post.clientMsgId()))
                        .chain(rows -> {
                            Row row = rows.size() == 0 ? null : rows.iterator().next();
                            Conversation c = row == null ? null : MessageLog.conversation(row);
                            if (c == null || !allowed.test(c)) {
                                return Uni.createFrom().item(new Posted(0, null, false, "not_found", null));
                            }
                            if (row.getLong("copy_seq") != null) {
                                return Uni.createFrom().item(new Posted(row.getLong("copy_seq"),
                                        row.getOffsetDateTime("copy_sent_at").toInstant(), true, null, null));
                            }
                            return PostPolicy.refusal(c, post.sender(), post.text())
                                    .map(code -> Uni.createFrom().item(new Posted(0, null, false, code, c)))
                                    .orElseGet(() -> store(connection, c, post)
                                            .map(p -> new Posted(p.seq(), p.sentAt(), false, null, c)));
                        }))
                .invoke(posted -> {
                    if (!posted.refused() && !posted.duplicate()) {
                        relay.committed();
                    }
                });
    }

    /**
     * Numbers and stores one message on the locked conversation {@code c} (its {@code lastSeq} as read under the
     * lock), with its events: the first visitor message starts the conversation (and routes it), so
     * ConversationStarted (and VisitorIdentified for a signed identity) precede its MessagePosted. Pipelined: the
     * statements go out together. The caller calls {@link OutboxRelay#committed()} after the commit.
     */
    private Uni<Posted> store(SqlConnection connection, Conversation c, Post post) {
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long seq = c.lastSeq() + 1;
        String messageId = UUID.randomUUID().toString();
        boolean starts = !c.started() && "VISITOR".equals(post.sender());
        boolean activity = "VISITOR".equals(post.sender()) || "AGENT".equals(post.sender());
        List<ParleyEvent> events = new ArrayList<>(3);
        if (starts) {
            events.add(ConversationStarted.of(c.portalId(), c.id(), c.chatflowId(), c.chatflowVersion(), c.inboxId(),
                    c.visitorId(), c.contactEmail(), c.pageUrl(), "WEB"));
            if (c.contactEmail() != null) {
                events.add(VisitorIdentified.of(c.portalId(), c.id(), c.visitorId(), c.contactEmail(), null, null));
            }
        }
        events.add(MessagePosted.of(c.portalId(), c.id(), seq, messageId, post.clientMsgId(), post.sender(),
                post.senderId(), post.senderName(), post.text(), sentAt));
        return Uni.combine().all().unis(
                        connection.preparedQuery(NUMBER).execute(Tuple.of(c.id(), seq, starts, activity)),
                        connection.preparedQuery(INSERT_MESSAGE).execute(Tuple.from(new Object[] {c.id(), seq,
                                messageId, post.clientMsgId(), post.sender(), post.senderId(), post.senderName(),
                                post.text(), ConversationRepository.utc(sentAt)})),
                        Outbox.stageQuietly(connection, events))
                .discardItems()
                .replaceWith(new Posted(seq, sentAt, false, null, null));
    }

    /** Keeps the SURVEY prompt frame for a visitor who comes back (every instance may write the same). */
    public Uni<Void> rememberSurveyPrompt(String conversationId, String portalId, String frame) {
        return pool.preparedQuery("update conversation set survey_prompt = $3 where id = $1 and portal_id = $2")
                .execute(Tuple.of(conversationId, portalId, frame)).replaceWithVoid();
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
