package dev.parley.conversation.ws;

import dev.parley.conversation.service.MessageLog;
import dev.parley.conversation.service.MessageLog.Stored;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One authenticated socket and, per conversation it follows, a {@link Feed}: the seq it last delivered. Messages
 * reach the socket strictly as delivered+1, delivered+2, ...: a live event that would skip a seq makes the feed read
 * the gap from the database first, and anything at or below the delivered seq is dropped. So a client sees every
 * stored message exactly once and in order, whatever Kafka delivers (late, twice, or not at all until a sweep).
 *
 * <p>Most sockets are idle (a widget open in a tab), so per-socket state is created on first use: the feeds map
 * when the socket first follows a conversation, the frame queue when a frame arrives while another is still being
 * handled (benchmarks/conversation-service/idle.sh, docs/conversation-service.md).
 */
public final class Peer {

    private static final Logger LOG = Logger.getLogger(Peer.class);
    static final int BATCH = 500;

    /** What the socket belongs to: a visitor (portal + visitor id) or an agent (portal + OIDC subject). */
    public enum Role { VISITOR, AGENT }

    static final class Feed {
        final String conversationId;
        long delivered;
        long wanted;
        boolean fetching;

        Feed(String conversationId, long delivered) {
            this.conversationId = conversationId;
            this.delivered = delivered;
        }
    }

    final WebSocketConnection connection;
    final Role role;
    final String portalId;
    final String subject;
    final String displayName;
    final boolean admin;
    /** The verified visitor token's content (visitor sockets only; null for agents). */
    final Visitor visitor;
    private final MessageLog log;
    /** conversationId → feed; null until the socket follows its first conversation. */
    private volatile Map<String, Feed> feeds;
    /** One-time prompts already sent on this socket (created on first use: most sockets never need it). */
    private java.util.Set<String> once;
    /** Frames waiting for the one being handled (see {@link #inTurn}); null while none waits. */
    private ArrayDeque<Runnable> waiting;
    private boolean handling;
    /** A visitor socket counted in by {@link VisitorSockets} (set in its first turn); agents' sockets do not use it. */
    volatile boolean admitted;
    /** Set by {@link Hub#add}: told of every conversation this socket starts following. */
    Hub hub;

    Peer(WebSocketConnection connection, Role role, String portalId, String subject, String displayName,
         boolean admin, MessageLog log) {
        this(connection, role, portalId, subject, displayName, admin, null, log);
    }

    /** A visitor's socket: portal and visitor id come from the verified token. */
    Peer(WebSocketConnection connection, Visitor visitor, MessageLog log) {
        this(connection, Role.VISITOR, visitor.portalId(), visitor.visitorId(), "Visitor", false, visitor, log);
    }

    private Peer(WebSocketConnection connection, Role role, String portalId, String subject, String displayName,
                 boolean admin, Visitor visitor, MessageLog log) {
        this.connection = connection;
        this.role = role;
        this.portalId = portalId;
        this.subject = subject;
        this.displayName = displayName;
        this.admin = admin;
        this.visitor = visitor;
        this.log = log;
    }

    boolean follows(String conversationId) {
        Map<String, Feed> f = feeds;
        return f != null && f.containsKey(conversationId);
    }

    Iterable<String> followed() {
        Map<String, Feed> f = feeds;
        return f == null ? Collections.emptySet() : f.keySet();
    }

    long delivered(String conversationId) {
        Map<String, Feed> m = feeds;
        Feed f = m == null ? null : m.get(conversationId);
        return f == null ? -1 : f.delivered;
    }

    private Map<String, Feed> feeds() {
        Map<String, Feed> f = feeds;
        if (f == null) {
            synchronized (this) {
                f = feeds;
                if (f == null) {
                    // a visitor follows one conversation per chatflow, rarely more: start at 4 slots, not 16
                    feeds = f = new ConcurrentHashMap<>(2);
                }
            }
        }
        return f;
    }

    /** Follows a conversation from {@code afterSeq} (0 = from the start) and replays what is stored after it. */
    void follow(String conversationId, long afterSeq) {
        Feed feed = feeds().computeIfAbsent(conversationId, id -> feed(id, Math.max(0, afterSeq)));
        catchUp(feed, Long.MAX_VALUE);
    }

    /** A live message from the fan-out: delivered directly when it is the next one, else via the database. */
    void offer(Stored m) {
        Feed feed = feeds().computeIfAbsent(m.conversationId(), id -> feed(id, 0));
        synchronized (feed) {
            if (m.seq() <= feed.delivered) {
                return;
            }
            if (m.seq() == feed.delivered + 1 && !feed.fetching) {
                send(feed, m);
                return;
            }
        }
        catchUp(feed, m.seq());
    }

    private Feed feed(String conversationId, long delivered) {
        if (hub != null) {
            hub.followed(this, conversationId);
        }
        return new Feed(conversationId, delivered);
    }

    /** The sweep saw {@code lastSeq} stored: fetch whatever this socket has not had. */
    void known(String conversationId, long lastSeq) {
        Map<String, Feed> m = feeds;
        Feed feed = m == null ? null : m.get(conversationId);
        if (feed != null) {
            catchUp(feed, lastSeq);
        }
    }

    private void catchUp(Feed feed, long upTo) {
        synchronized (feed) {
            feed.wanted = Math.max(feed.wanted, upTo == Long.MAX_VALUE ? feed.delivered + 1 : upTo);
            if (feed.delivered >= feed.wanted || feed.fetching) {
                return;
            }
            feed.fetching = true;
        }
        fetch(feed);
    }

    private void fetch(Feed feed) {
        long from;
        synchronized (feed) {
            from = feed.delivered;
        }
        log.after(feed.conversationId, from, BATCH).subscribe().with(rows -> fetched(feed, rows), failure -> {
            LOG.warnf("gap fill of %s failed, the sweep retries: %s", feed.conversationId, failure.getMessage());
            synchronized (feed) {
                feed.fetching = false;
            }
        });
    }

    private void fetched(Feed feed, List<Stored> rows) {
        boolean again;
        synchronized (feed) {
            for (Stored m : rows) {
                if (m.seq() == feed.delivered + 1) {
                    send(feed, m);
                }
            }
            again = !rows.isEmpty() && (rows.size() == BATCH || feed.delivered < feed.wanted);
            feed.fetching = again;
        }
        if (again) {
            fetch(feed);
        }
    }

    /**
     * Called under the feed's lock: the send order is the seq order. System entries of the thread (assigned,
     * consent given, ...) are for agents: a visitor's feed passes over their seqs without sending them.
     */
    private void send(Feed feed, Stored m) {
        feed.delivered = m.seq();
        if (role == Role.VISITOR && SystemEntries.SENDER.equals(m.sender())) {
            return;
        }
        if (connection.isOpen()) {
            connection.sendText(Frames.message(m)).subscribe().with(ok -> { }, e -> { });
        }
    }

    /** True the first time it is asked for {@code key} on this socket. */
    synchronized boolean firstTime(String key) {
        if (once == null) {
            once = new java.util.HashSet<>();
        }
        return once.add(key);
    }

    void sendFrame(String frame) {
        if (connection.isOpen()) {
            connection.sendText(frame).subscribe().with(ok -> { }, e -> { });
        }
    }

    /**
     * Runs {@code work} (one inbound frame) after the frames that arrived before it on this socket have been
     * handled, so acks and replies follow the order the client sent in. The endpoints let websockets-next hand
     * over frames concurrently (its serial mode keeps a ~1 KB queue per socket, idle or not); the order is kept
     * here instead, with a queue that exists only while frames wait. A waiting frame runs on the Vert.x context it
     * arrived on (the connection's), as it would have.
     */
    Uni<Void> inTurn(Supplier<Uni<Void>> work) {
        return Uni.createFrom().emitter(done -> {
            Runnable run = () -> {
                Uni<Void> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    uni = Uni.createFrom().failure(e);
                }
                uni.subscribe().with(ok -> {
                    nextInTurn();
                    done.complete(null);
                }, failure -> {
                    nextInTurn();
                    done.fail(failure);
                });
            };
            synchronized (this) {
                if (handling) {
                    if (waiting == null) {
                        waiting = new ArrayDeque<>(4);
                    }
                    Context context = Vertx.currentContext();
                    waiting.add(context == null ? run : () -> context.runOnContext(v -> run.run()));
                    return;
                }
                handling = true;
            }
            run.run();
        });
    }

    private void nextInTurn() {
        Runnable next;
        synchronized (this) {
            next = waiting == null ? null : waiting.poll();
            if (next == null) {
                handling = false;
                waiting = null;
                return;
            }
        }
        next.run();
    }
}
