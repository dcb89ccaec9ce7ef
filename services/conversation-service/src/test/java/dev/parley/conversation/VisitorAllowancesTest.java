package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.ConversationService.Post;
import dev.parley.conversation.service.ConversationService.Posted;
import dev.parley.conversation.service.VisitorAllowances;
import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A visitor's messages per minute (60 in tests) come out of one allowance stored in the database: shared by the
 * visitor's conversations and by concurrent transactions (and so by instances: ClusterLimitsIT).
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class VisitorAllowancesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ConversationService service;

    @Inject
    Pool pool;

    @Inject
    VisitorAllowances allowances;

    @Test
    void aVisitorsConversationsAndConcurrentTransactionsShareOneAllowance() {
        ChatTest chat = ChatTest.on(base);
        String flow1 = UUID.randomUUID().toString();
        String flow2 = UUID.randomUUID().toString();
        for (String flow : List.of(flow1, flow2)) {
            TestChatflows.publish(ParleyTestInfra.kafkaBootstrap(), "demo", flow, 1,
                    TestChatflows.settings(null, null, "NEVER", false));
        }
        Map<String, Object> session = chat.session("demo", flow1);
        chat.session("demo", flow2); // (waits until the second chatflow is in the catalog too)
        String conv1;
        String conv2;
        try (WsClient a = chat.visitor(session); WsClient b = chat.visitor(session)) {
            conv1 = ChatTest.start(a, flow1);
            conv2 = ChatTest.start(b, flow2);
        }
        String visitorId = (String) session.get("visitorId");

        // 90 posts at once, alternating between the two conversations: they go into several transactions, two in
        // flight at a time.
        long started = System.nanoTime();
        List<Uni<Posted>> posts = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String conv = i % 2 == 0 ? conv1 : conv2;
            posts.add(service.post(new Post(conv, "VISITOR", visitorId, "Visitor", "m-" + i, "Message " + i),
                    c -> true));
        }
        List<Posted> outcomes = Uni.join().all(posts).andFailFast().await().atMost(ChatTest.WAIT);
        double seconds = (System.nanoTime() - started) / 1e9;

        long stored = outcomes.stream().filter(p -> !p.refused()).count();
        assertThat(outcomes).filteredOn(Posted::refused).extracting(Posted::refusal).containsOnly("rate_limited");
        // 60 at once, plus one a second refilled while the posts were being stored
        assertThat(stored).isBetween(60L, 60L + (long) Math.ceil(seconds));
        long inThreads = ThreadEntriesTest.thread(conv1).size() + ThreadEntriesTest.thread(conv2).size();
        assertThat(inThreads).isEqualTo(stored);
    }

    @Test
    void allowancesUntouchedForOverAMinuteAreForgottenOthersKept() {
        String stale = "stale-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        pool.preparedQuery("insert into visitor_allowance (portal_id, visitor_id, tokens, at) values"
                        + " ('demo', $1, 0, now() - interval '3 minutes'), ('demo', $2, 0, now())")
                .execute(Tuple.of(stale, live)).await().atMost(ChatTest.WAIT);
        assertThat(allowances.forgetFull().await().atMost(ChatTest.WAIT)).isGreaterThanOrEqualTo(1);
        List<String> left = new ArrayList<>();
        pool.preparedQuery("select visitor_id from visitor_allowance where visitor_id in ($1, $2)")
                .execute(Tuple.of(stale, live)).await().atMost(ChatTest.WAIT)
                .forEach(r -> left.add(r.getString("visitor_id")));
        assertThat(left).containsExactly(live);
    }

    @Test
    void forgettingSkipsTheRowsATransactionHoldsAndNeverWaitsForThem() {
        String held = "held-" + UUID.randomUUID();
        String free = "free-" + UUID.randomUUID();
        pool.preparedQuery("insert into visitor_allowance (portal_id, visitor_id, tokens, at) values"
                        + " ('demo', $1, 0, now() - interval '3 minutes'), ('demo', $2, 0, now() - interval '3 minutes')")
                .execute(Tuple.of(held, free)).await().atMost(ChatTest.WAIT);
        // A transaction holds one stale row (as a message transaction spending from it would) while the rows are
        // forgotten; a delete that waited for it would never return, since the transaction waits for the delete.
        pool.withTransaction(connection -> connection.preparedQuery(
                        "select 1 from visitor_allowance where portal_id = 'demo' and visitor_id = $1 for update")
                        .execute(Tuple.of(held))
                        .chain(() -> allowances.forgetFull()))
                .await().atMost(Duration.ofSeconds(20));
        List<String> left = new ArrayList<>();
        pool.preparedQuery("select visitor_id from visitor_allowance where visitor_id in ($1, $2)")
                .execute(Tuple.of(held, free)).await().atMost(ChatTest.WAIT)
                .forEach(r -> left.add(r.getString("visitor_id")));
        assertThat(left).containsExactly(held);
    }
}
