package dev.parley.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.MessagePosted;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.MessageAllowance;
import dev.parley.conversation.service.ConversationService.Post;
import dev.parley.conversation.service.ConversationService.Posted;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The decisions of one group commit: numbering, retries, refusals, as if each post had its own transaction. */
class NumberingTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static Conversation conversation(String id, long lastSeq, boolean started, String status) {
        return new Conversation(id, "p", "v-" + id, null, "flow", 1, "inbox", null, status, started, false, false,
                "NEVER", false, null, lastSeq);
    }

    private static Post visitor(String conversationId, String clientMsgId) {
        return new Post(conversationId, "VISITOR", "v", null, clientMsgId, "hello " + clientMsgId);
    }

    private static List<Predicate<Conversation>> all(int n) {
        return Collections.nCopies(n, c -> true);
    }

    @Test
    void numbersEachConversationOnFromItsLockedSeqInArrivalOrder() {
        List<Post> posts = List.of(visitor("a", "1"), visitor("b", "1"), visitor("a", "2"), visitor("a", "3"));
        Numbering n = Numbering.plan(posts, all(4), Map.of("a", conversation("a", 7, true, "OPEN"),
                "b", conversation("b", 0, false, "OPEN")), Map.of(), Map.of(), 60, NOW);
        assertEquals(List.of(8L, 1L, 9L, 10L), n.outcomes().stream().map(Posted::seq).toList());
        assertEquals(4, n.messages().size());
        assertEquals(List.of("a:10:false", "b:1:true"), n.conversations().stream()
                .map(c -> c.conversationId() + ":" + c.lastSeq() + ":" + c.starts()).sorted().toList());
        // b's first visitor message starts it: ConversationStarted precedes its MessagePosted; a was started.
        List<ParleyEvent> events = n.events();
        assertEquals(5, events.size());
        assertTrue(events.get(1) instanceof ConversationStarted);
        assertTrue(events.get(2) instanceof MessagePosted m && m.seq() == 1 && "b".equals(m.conversationId()));
        assertEquals(List.of(8L, 1L, 9L, 10L), events.stream().filter(e -> e instanceof MessagePosted)
                .map(e -> ((MessagePosted) e).seq()).toList());
    }

    @Test
    void aRetryGetsTheStoredSeqWhetherStoredBeforeOrEarlierInTheBatch() {
        List<Post> posts = List.of(visitor("a", "old"), visitor("a", "new"), visitor("a", "new"));
        Numbering n = Numbering.plan(posts, all(3), Map.of("a", conversation("a", 5, true, "OPEN")),
                Map.of(new Numbering.Key("a", "VISITOR", "old"), new Numbering.Copy(3, NOW.minusSeconds(60))), Map.of(), 60, NOW);
        List<Posted> out = n.outcomes();
        assertTrue(out.get(0).duplicate());
        assertEquals(3, out.get(0).seq());
        assertFalse(out.get(1).duplicate());
        assertEquals(6, out.get(1).seq());
        assertTrue(out.get(2).duplicate());
        assertEquals(6, out.get(2).seq());
        assertEquals(1, n.messages().size());
    }

    @Test
    void refusedAndUnknownPostsTakeNoSeq() {
        List<Post> posts = List.of(visitor("gone", "1"), visitor("closed", "1"),
                new Post("a", "VISITOR", "v", null, "blank", " "), visitor("a", "ok"), visitor("hidden", "1"));
        List<Predicate<Conversation>> allowed = List.of(c -> true, c -> true, c -> true, c -> true, c -> false);
        Numbering n = Numbering.plan(posts, allowed, Map.of("a", conversation("a", 2, true, "OPEN"),
                "closed", conversation("closed", 4, true, "CLOSED"),
                "hidden", conversation("hidden", 1, true, "OPEN")), Map.of(), Map.of(), 60, NOW);
        assertEquals(List.of("not_found", "closed", "bad_frame", "", "not_found"), n.outcomes().stream()
                .map(p -> p.refused() ? p.refusal() : "").toList());
        assertEquals(3, n.outcomes().get(3).seq());
        assertEquals(1, n.messages().size());
        assertEquals(1, n.conversations().size());
    }
    @Test
    void aVisitorsMessagesComeOutOfOneAllowanceAcrossConversationsAndOnlyStoredOnesCostATurn() {
        // One visitor ("v-shared") in two conversations, two tokens left; an agent in the same batch.
        Conversation a = new Conversation("a", "p", "v-shared", null, "flow", 1, "inbox", null, "OPEN", true, false,
                false, "NEVER", false, null, 4);
        Conversation b = new Conversation("b", "p", "v-shared", null, "flow2", 1, "inbox", null, "OPEN", true, false,
                false, "NEVER", false, null, 0);
        Numbering.VisitorKey v = new Numbering.VisitorKey("p", "v-shared");
        MessageAllowance twoLeft = new MessageAllowance(2, NOW);
        List<Post> posts = List.of(visitor("a", "old"), visitor("a", "1"),
                new Post("a", "AGENT", "agent", "Ada", "x", "hi"), new Post("b", "VISITOR", "v", null, "blank", " "),
                visitor("b", "1"), visitor("b", "2"), visitor("a", "2"));
        Numbering n = Numbering.plan(posts, all(7), Map.of("a", a, "b", b),
                Map.of(new Numbering.Key("a", "VISITOR", "old"), new Numbering.Copy(4, NOW)), Map.of(v, twoLeft), 60,
                NOW);
        // the retry and the blank text cost nothing, the agent is not limited; the third new visitor message is refused
        assertEquals(List.of("", "", "", "bad_frame", "", "rate_limited", "rate_limited"), n.outcomes().stream()
                .map(p -> p.refused() ? p.refusal() : "").toList());
        assertEquals(List.of(4L, 5L, 6L, 0L, 1L, 0L, 0L), n.outcomes().stream().map(Posted::seq).toList());
        assertEquals(0.0, n.allowances().get(v).tokens());
        // a second later, one more token (60 per minute)
        Numbering later = Numbering.plan(List.of(visitor("a", "3"), visitor("a", "4")), all(2),
                Map.of("a", a.numbered(6, false)), Map.of(), Map.of(v, n.allowances().get(v)), 60, NOW.plusSeconds(1));
        assertEquals(List.of("", "rate_limited"), later.outcomes().stream()
                .map(p -> p.refused() ? p.refusal() : "").toList());
        assertEquals(7L, later.outcomes().get(0).seq());
        // a visitor without a stored allowance starts with a full one
        Numbering fresh = Numbering.plan(List.of(visitor("a", "5")), all(1), Map.of("a", a), Map.of(), Map.of(), 60,
                NOW);
        assertEquals(59.0, fresh.allowances().get(v).tokens());
    }
}
