package dev.parley.conversation.service;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.MessagePosted;
import dev.parley.contracts.events.VisitorIdentified;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.MessageAllowance;
import dev.parley.conversation.domain.PostPolicy;
import dev.parley.conversation.service.ConversationService.Post;
import dev.parley.conversation.service.ConversationService.Posted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The decisions of one group commit, in plain Java: given the posts of a batch (in arrival order), their
 * conversations as read under the row lock, the stored copies of their clientMsgIds and their visitors' message
 * allowances (read under their row locks too), which posts are refused, which are retries of a stored message (same
 * seq), and which are stored with which seq — numbered one after the other per conversation, exactly as if each had
 * its own transaction in arrival order. The caller writes {@link #messages()}, {@link #conversations()},
 * {@link #events()} and {@link #allowances()} in the same transaction and hands out {@link #outcomes()} only after
 * the commit.
 */
final class Numbering {

    /** A message identity for retries: the same sender's clientMsgId in one conversation. */
    record Key(String conversationId, String sender, String clientMsgId) {
        static Key of(Post p) {
            return p.clientMsgId() == null ? null : new Key(p.conversationId(), p.sender(), p.clientMsgId());
        }
    }

    /** A stored message's seq and time (a copy found in the database or numbered earlier in the batch). */
    record Copy(long seq, Instant sentAt) {
    }

    /** A message row to insert. */
    record Row(Post post, long seq, String messageId, Instant sentAt) {
    }

    /** A visitor, whose messages come out of one allowance whatever the conversation or instance. */
    record VisitorKey(String portalId, String visitorId) {
        static VisitorKey of(Conversation c) {
            return new VisitorKey(c.portalId(), c.visitorId());
        }
    }

    /** A conversation's new state: its last seq, whether a visitor message started it, whether people talked. */
    record Numbered(String conversationId, long lastSeq, boolean starts, boolean activity) {
    }

    private final List<Posted> outcomes = new ArrayList<>();
    private final List<Row> messages = new ArrayList<>();
    private final List<ParleyEvent> events = new ArrayList<>();
    private final Map<String, Numbered> numbered = new LinkedHashMap<>();
    /** The allowances this batch refilled and spent from (only those: the others are left as stored). */
    private final Map<VisitorKey, MessageAllowance> spent = new LinkedHashMap<>();

    private Numbering() {
    }

    /**
     * Plans a batch. {@code locked}: conversation id → row read under the lock (absent: no such conversation);
     * {@code copies}: stored messages with the posts' clientMsgIds; {@code allowed}: each post's access check;
     * {@code allowances}: the visitors' allowances as stored (absent: full), {@code perMinute} messages a minute.
     * A visitor's message that would be stored is refused {@code rate_limited} when the allowance is spent; a
     * retry of a stored message and a refused one cost nothing.
     */
    static Numbering plan(List<Post> posts, List<Predicate<Conversation>> allowed, Map<String, Conversation> locked,
                          Map<Key, Copy> copies, Map<VisitorKey, MessageAllowance> allowances, int perMinute,
                          Instant sentAt) {
        Numbering n = new Numbering();
        Map<String, Conversation> current = new HashMap<>(locked);
        Map<Key, Copy> stored = new HashMap<>(copies);
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            Conversation c = current.get(post.conversationId());
            if (c == null || !allowed.get(i).test(c)) {
                n.outcomes.add(new Posted(0, null, false, "not_found", null));
                continue;
            }
            Key key = Key.of(post);
            Copy copy = key == null ? null : stored.get(key);
            if (copy != null) {
                n.outcomes.add(new Posted(copy.seq(), copy.sentAt(), true, null, null));
                continue;
            }
            String refusal = PostPolicy.refusal(c, post.sender(), post.text()).orElse(null);
            if (refusal != null) {
                n.outcomes.add(new Posted(0, null, false, refusal, c));
                continue;
            }
            if ("VISITOR".equals(post.sender())) {
                VisitorKey visitor = VisitorKey.of(c);
                MessageAllowance allowance = n.spent.containsKey(visitor) ? n.spent.get(visitor)
                        : allowances.getOrDefault(visitor, MessageAllowance.full(perMinute, sentAt))
                                .refilled(perMinute, sentAt);
                if (!allowance.allowsOne()) {
                    n.spent.put(visitor, allowance);
                    n.outcomes.add(new Posted(0, null, false, "rate_limited", c));
                    continue;
                }
                n.spent.put(visitor, allowance.spendOne());
            }
            long seq = c.lastSeq() + 1;
            boolean starts = !c.started() && "VISITOR".equals(post.sender());
            boolean activity = "VISITOR".equals(post.sender()) || "AGENT".equals(post.sender());
            String messageId = UUID.randomUUID().toString();
            n.messages.add(new Row(post, seq, messageId, sentAt));
            n.events.addAll(events(c, post, seq, messageId, sentAt, starts));
            Numbered before = n.numbered.get(c.id());
            n.numbered.put(c.id(), new Numbered(c.id(), seq, starts || before != null && before.starts(),
                    activity || before != null && before.activity()));
            n.outcomes.add(new Posted(seq, sentAt, false, null, c));
            current.put(c.id(), c.numbered(seq, starts));
            if (key != null) {
                stored.put(key, new Copy(seq, sentAt));
            }
        }
        return n;
    }

    /**
     * The events of one stored message: the first visitor message starts the conversation (and routes it), so
     * ConversationStarted (and VisitorIdentified for a signed identity) precede its MessagePosted.
     */
    private static List<ParleyEvent> events(Conversation c, Post post, long seq, String messageId, Instant sentAt,
                                    boolean starts) {
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
        return events;
    }

    /** One outcome per post, in the posts' order. */
    List<Posted> outcomes() {
        return outcomes;
    }

    List<Row> messages() {
        return messages;
    }

    /** The conversations that got messages, each once, with its highest seq. */
    List<Numbered> conversations() {
        return new ArrayList<>(numbered.values());
    }

    /** The visitors' allowances as this batch leaves them (to write back; written only when messages are). */
    Map<VisitorKey, MessageAllowance> allowances() {
        return spent;
    }

    /** The events to stage, in the order they must be published. */
    List<ParleyEvent> events() {
        return events;
    }
}
