package dev.parley.conversation.service;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.MessageAllowance;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import dev.parley.kit.messaging.ChatflowCatalog;
import dev.parley.kit.messaging.Outbox;
import dev.parley.kit.messaging.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
    /** The batch's conversations, locked in id order (two batches never wait for each other in a cycle). */
    private static final String LOCK_ALL = "select " + ConversationRepository.COLUMNS + " from conversation"
            + " where id = any($1) order by id for update";
    /**
     * The stored copies of the batch's clientMsgIds. Pipelined after {@link #LOCK_ALL}: it reads once the locks are
     * held, so a copy committed by another writer of those conversations is seen.
     */
    private static final String COPIES = "select m.conversation_id, m.sender, m.client_msg_id, m.seq, m.sent_at"
            + " from message m join unnest($1::text[], $2::text[], $3::text[]) as k(conversation_id, sender,"
            + " client_msg_id) on m.conversation_id = k.conversation_id and m.sender = k.sender"
            + " and m.client_msg_id = k.client_msg_id";
    /** The row locks serialise writers of a conversation, so the seq read under them + 1 is the next one, gapless. */
    private static final String NUMBER = "update conversation c set last_seq = n.last_seq,"
            + " started = c.started or n.starts, updated_at = now(),"
            + " last_activity_at = case when n.activity then now() else c.last_activity_at end"
            + " from unnest($1::text[], $2::int8[], $3::bool[], $4::bool[]) as n(id, last_seq, starts, activity)"
            + " where c.id = n.id";
    /**
     * A row whose clientMsgId is stored already (a retry the batch did not know of) is skipped, not an error: the
     * count of rows inserted tells the caller that its plan was made without that copy ({@link StoredBefore}).
     */
    private static final String INSERT_MESSAGES = "insert into message (conversation_id, seq, message_id,"
            + " client_msg_id, sender, sender_id, sender_name, text, sent_at) select * from unnest($1::text[],"
            + " $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],"
            + " $9::timestamptz[]) on conflict (conversation_id, sender, client_msg_id) where client_msg_id is not null"
            + " do nothing";
    /**
     * The group commit's statements are the same few every time, with arrays of any length as parameters: planned
     * once per connection (and again after the tables' statistics change) instead of at every execution, which
     * was two fifths of their PostgreSQL time (pg_stat_statements, 2,000 msg/s). On a populated table their plans
     * are index lookups by primary key and plain inserts whatever the parameters (docs/conversation-service.md,
     * "Generic plans for the group commit").
     */
    private static final String GENERIC_PLANS = "set local plan_cache_mode = force_generic_plan";
    /** Back to PostgreSQL's choice, for the clientMsgId lookup (whose generic plan once scanned the whole table). */
    private static final String CUSTOM_PLANS = "set local plan_cache_mode = auto";

    private final ConversationRepository repo;
    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ChatflowCatalog catalog;
    private final GroupCommit<Request, Posted> writes;
    /** Messages a visitor may send per minute, whatever the conversation or instance (a token bucket). */
    private final int perMinute;

    public ConversationService(ConversationRepository repo, Pool pool, Outbox outbox, OutboxRelay relay,
                               ChatflowCatalog catalog,
                               @ConfigProperty(name = "parley.messages.batch-max", defaultValue = "256") int batchMax,
                               @ConfigProperty(name = "parley.messages.transactions-max", defaultValue = "2")
                               int transactionsMax, VisitorAllowances allowances) {
        this.repo = repo;
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.catalog = catalog;
        this.perMinute = allowances.perMinute();
        this.writes = new GroupCommit<>(this::commit, batchMax, transactionsMax);
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
     * The hot path: posts arriving while earlier ones are being committed share the next transaction
     * ({@link GroupCommit}), written without the ORM session in four round trips whatever the batch size — BEGIN;
     * the locked conversations; the numbered rows, the conversations' new last seqs and the outbox events as three
     * multi-row statements (pipelined); COMMIT (the stored copies of the clientMsgIds are read only when the insert
     * meets one, see {@link #commit}). Each post completes only after that commit; the relay is woken once per
     * commit.
     */
    public Uni<Posted> post(Post post, Predicate<Conversation> allowed) {
        return writes.submit(new Request(post, allowed));
    }

    private record Request(Post post, Predicate<Conversation> allowed) {
    }

    /**
     * One group commit: all requests in one transaction, outcomes in their order once it committed. Retries of a
     * stored message are rare (a client that lost an ack), so the transaction first assumes there are none and
     * does not look for stored copies; if the insert skips a row all the same, it rolls back and runs again,
     * reading the copies. A refused post with a clientMsgId has its copy looked up in the same transaction (one more
     * round trip): a retry of a stored message gets its seq even when the allowance is spent or the conversation
     * closed since.
     */
    private Uni<List<Posted>> commit(List<Request> batch) {
        List<Post> posts = new ArrayList<>(batch.size());
        List<Predicate<Conversation>> allowed = new ArrayList<>(batch.size());
        batch.forEach(r -> {
            posts.add(r.post());
            allowed.add(r.allowed());
        });
        return transaction(posts, allowed, false)
                .onFailure(StoredBefore.class).recoverWithUni(() -> transaction(posts, allowed, true))
                .invoke(plan -> {
                    if (!plan.messages().isEmpty()) {
                        relay.committed();
                    }
                })
                .map(Numbering::outcomes);
    }

    private Uni<Numbering> transaction(List<Post> posts, List<Predicate<Conversation>> allowed, boolean readCopies) {
        Instant now = now();
        return pool.withTransaction(connection -> lockAndRead(connection, posts, readCopies, perMinute, now)
                .chain(read -> {
                    Numbering plan = Numbering.plan(posts, allowed, read.locked(), read.copies(), read.allowances(),
                            perMinute, now);
                    Uni<Numbering> decided = readCopies ? Uni.createFrom().item(plan)
                            : replanWithCopiesOfRefused(connection, posts, allowed, read, plan, now);
                    return decided.chain(p -> write(connection, p).replaceWith(p));
                }));
    }

    /**
     * A refused post may be the retry of a stored message (a lost ack; the visitor's allowance spent since, or the
     * conversation closed): its copy decides, read under the same locks; the plan stays when there is none.
     */
    private Uni<Numbering> replanWithCopiesOfRefused(SqlConnection connection, List<Post> posts,
                                                     List<Predicate<Conversation>> allowed, Read read, Numbering plan,
                                                     Instant now) {
        List<Post> refused = refusedWithClientMsgId(posts, plan);
        if (refused.isEmpty()) {
            return Uni.createFrom().item(plan);
        }
        return Uni.combine().all().unis(connection.query(CUSTOM_PLANS).execute(), copies(connection, refused))
                .asTuple()
                .map(t -> t.getItem2().isEmpty() ? plan : Numbering.plan(posts, allowed, read.locked(), t.getItem2(),
                        read.allowances(), perMinute, now));
    }

    /** The posts with a clientMsgId refused after the access check (so after a stored copy would have answered). */
    private static List<Post> refusedWithClientMsgId(List<Post> posts, Numbering plan) {
        List<Post> refused = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            Posted outcome = plan.outcomes().get(i);
            if (posts.get(i).clientMsgId() != null && outcome.refused() && !"not_found".equals(outcome.refusal())) {
                refused.add(posts.get(i));
            }
        }
        return refused;
    }

    /** A planned message's clientMsgId was stored already: the plan was made without its copy. */
    private static final class StoredBefore extends RuntimeException {
        StoredBefore() {
            super("a clientMsgId of the batch is stored already", null, false, false);
        }
    }

    private record Read(Map<String, Conversation> locked, Map<Numbering.Key, Numbering.Copy> copies,
                        Map<Numbering.VisitorKey, MessageAllowance> allowances) {
    }

    /**
     * The locked conversations, the locked allowances of the visitors posting, and with {@code readCopies} the
     * stored copies of the posts' clientMsgIds; a missing allowance is created full ({@code perMinute} at
     * {@code now}).
     */
    private static Uni<Read> lockAndRead(SqlConnection connection, List<Post> posts, boolean readCopies,
                                         int perMinute, Instant now) {
        TreeSet<String> ids = new TreeSet<>();
        TreeSet<String> visitorPosted = new TreeSet<>();
        for (Post p : posts) {
            if (p.conversationId() == null) {
                continue;
            }
            ids.add(p.conversationId());
            if ("VISITOR".equals(p.sender())) {
                visitorPosted.add(p.conversationId());
            }
        }
        Uni<?> plans = readCopies ? Uni.createFrom().voidItem() : connection.query(GENERIC_PLANS).execute();
        Uni<Map<String, Conversation>> locked = connection.preparedQuery(LOCK_ALL)
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Conversation> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("id"), MessageLog.conversation(r)));
                    return out;
                });
        Uni<Map<Numbering.Key, Numbering.Copy>> copies = readCopies ? copies(connection, posts)
                : Uni.createFrom().item(Map.of());
        // After the conversations' locks (LOCK_ALL), in the same round trip.
        Uni<Map<Numbering.VisitorKey, MessageAllowance>> allowances = visitorPosted.isEmpty()
                ? Uni.createFrom().item(Map.of()) : VisitorAllowances.lock(connection, visitorPosted, perMinute, now);
        return Uni.combine().all().unis(plans, locked, copies, allowances).asTuple()
                .map(t -> new Read(t.getItem2(), t.getItem3(), t.getItem4()));
    }

    /** The stored copies of these posts' clientMsgIds (posts without one, or without a conversation, skipped). */
    private static Uni<Map<Numbering.Key, Numbering.Copy>> copies(SqlConnection connection, List<Post> posts) {
        List<String> conversations = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        List<String> clientMsgIds = new ArrayList<>();
        for (Post p : posts) {
            if (p.conversationId() != null && p.clientMsgId() != null) {
                conversations.add(p.conversationId());
                senders.add(p.sender());
                clientMsgIds.add(p.clientMsgId());
            }
        }
        if (clientMsgIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery(COPIES).execute(Tuple.of(conversations.toArray(new String[0]),
                        senders.toArray(new String[0]), clientMsgIds.toArray(new String[0])))
                .map(rows -> {
                    Map<Numbering.Key, Numbering.Copy> out = new HashMap<>();
                    rows.forEach(r -> out.put(new Numbering.Key(r.getString("conversation_id"),
                                    r.getString("sender"), r.getString("client_msg_id")),
                            new Numbering.Copy(r.getLong("seq"), r.getOffsetDateTime("sent_at").toInstant())));
                    return out;
                });
    }

    /** The planned rows, the conversations' new last seqs and the events, as three pipelined statements. */
    private static Uni<Void> write(SqlConnection connection, Numbering plan) {
        List<Numbering.Row> rows = plan.messages();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] conversation = new String[n];
        Long[] seq = new Long[n];
        String[] messageId = new String[n];
        String[] clientMsgId = new String[n];
        String[] sender = new String[n];
        String[] senderId = new String[n];
        String[] senderName = new String[n];
        String[] text = new String[n];
        OffsetDateTime[] sentAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Numbering.Row r = rows.get(i);
            conversation[i] = r.post().conversationId();
            seq[i] = r.seq();
            messageId[i] = r.messageId();
            clientMsgId[i] = r.post().clientMsgId();
            sender[i] = r.post().sender();
            senderId[i] = r.post().senderId();
            senderName[i] = r.post().senderName();
            text[i] = r.post().text();
            sentAt[i] = ConversationRepository.utc(r.sentAt());
        }
        List<Numbering.Numbered> numbered = plan.conversations();
        int m = numbered.size();
        String[] ids = new String[m];
        Long[] lastSeq = new Long[m];
        Boolean[] starts = new Boolean[m];
        Boolean[] activity = new Boolean[m];
        for (int i = 0; i < m; i++) {
            Numbering.Numbered c = numbered.get(i);
            ids[i] = c.conversationId();
            lastSeq[i] = c.lastSeq();
            starts[i] = c.starts();
            activity[i] = c.activity();
        }
        Map<Numbering.VisitorKey, MessageAllowance> spent = plan.allowances();
        Uni<?> allowances = spent.isEmpty() ? Uni.createFrom().voidItem() : VisitorAllowances.write(connection, spent);
        return Uni.combine().all().unis(
                        allowances,
                        connection.preparedQuery(NUMBER).execute(Tuple.of(ids, lastSeq, starts, activity)),
                        connection.preparedQuery(INSERT_MESSAGES).execute(Tuple.from(new Object[] {conversation, seq,
                                messageId, clientMsgId, sender, senderId, senderName, text, sentAt}))
                                .invoke(inserted -> {
                                    if (inserted.rowCount() != n) {
                                        throw new StoredBefore();
                                    }
                                }),
                        Outbox.stageQuietly(connection, plan.events()))
                .discardItems();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Numbers and stores one message on the conversation {@code c} locked (or created) by the caller's transaction,
     * with its events; the caller calls {@link OutboxRelay#committed()} after the commit.
     */
    private Uni<Posted> store(SqlConnection connection, Conversation c, Post post) {
        Numbering plan = Numbering.plan(List.of(post), List.of(x -> true), Map.of(c.id(), c), Map.of(), Map.of(),
                perMinute, now());
        return write(connection, plan).replaceWith(plan.outcomes().get(0));
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
