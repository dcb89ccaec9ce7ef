package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.ConversationService.Post;
import dev.parley.conversation.service.ConversationService.Posted;
import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The group commit assumes no post is a retry of a stored message and reruns its batch reading the stored copies
 * when the insert meets one: a retry submitted among new posts of the same conversation (so that it shares their
 * transaction) gets the seq it was stored with, and the new posts still get the next seqs without a gap, each stored
 * once.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class GroupCommitRetryTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ConversationService service;

    @Test
    void aRetryInABatchOfNewPostsKeepsItsSeqAndTheOthersStayGapless() {
        ChatTest chat = ChatTest.on(base);
        String flow = UUID.randomUUID().toString();
        TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", flow, 1,
                TestChatflows.settings(null, null, "NEVER", false));
        String conv;
        long stored;
        try (WsClient visitor = chat.visitor(chat.session("demo", flow))) {
            conv = ChatTest.start(visitor, flow);
            stored = ChatTest.send(visitor, conv, "first", "First");
        }
        int before = ThreadEntriesTest.thread(conv).size();

        // Submitted together: the first two go alone (two transactions in flight, numbered in either order:
        // concurrent posts have no order of their own), the rest wait and share the next transaction.
        List<Uni<Posted>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (i == 4) {
                posts.add(service.post(new Post(conv, "VISITOR", "v", "Visitor", "first", "First again"), c -> true));
            }
            posts.add(service.post(new Post(conv, "VISITOR", "v", "Visitor", "new-" + i, "New " + i), c -> true));
        }
        List<Posted> outcomes = Uni.join().all(posts).andFailFast().await().atMost(ChatTest.WAIT);

        Posted retry = outcomes.get(4);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.seq()).isEqualTo(stored);
        List<Long> newSeqs = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (i != 4) {
                assertThat(outcomes.get(i).refused()).as(outcomes.get(i).toString()).isFalse();
                assertThat(outcomes.get(i).duplicate()).isFalse();
                newSeqs.add(outcomes.get(i).seq());
            }
        }
        long last = before; // the thread's seqs run 1..before so far
        assertThat(newSeqs)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(last + 1, last + 10).boxed().toList());

        List<Map<String, Object>> thread = ThreadEntriesTest.thread(conv);
        assertThat(thread).extracting(m -> ((Number) m.get("seq")).longValue())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, last + 10).boxed().toList());
        assertThat(thread).filteredOn(m -> "First".equals(m.get("text"))).hasSize(1);
        assertThat(thread).filteredOn(m -> "First again".equals(m.get("text"))).isEmpty();
    }
}
