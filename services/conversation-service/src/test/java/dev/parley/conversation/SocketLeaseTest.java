package dev.parley.conversation;

import static dev.parley.conversation.ChatTest.WAIT;
import static dev.parley.conversation.ChatTest.admitted;
import static dev.parley.conversation.WsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.conversation.ws.VisitorSockets;
import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sockets-per-visitor rows (3 per visitor in tests) outlive a lapse of their instance's lease: an instance that
 * could not renew for a while still has its sockets open, and they count again once it renews. Rows of an instance
 * dead for over an hour are deleted with its lease. A closed socket whose row could not be deleted stops counting at
 * the next renewal.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SocketLeaseTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    VisitorSockets sockets;

    @Inject
    Pool pool;

    @Test
    void anInstancesSocketsCountAgainAfterItsLeaseLapsedAndWasRenewed() {
        ChatTest chat = ChatTest.on(base);
        var session = chat.session("demo", chat.chatflow(null, null));
        try (WsClient v1 = admitted(chat.visitor(session)); WsClient v2 = admitted(chat.visitor(session));
             WsClient v3 = admitted(chat.visitor(session))) {
            // This instance's lease runs out (it could not renew) and another instance's cleanup runs meanwhile.
            pool.query("update instance_lease set expires_at = now() - interval '1 second'").execute()
                    .await().atMost(WAIT);
            sockets.forgetDead().await().atMost(WAIT);
            sockets.renew().await().atMost(WAIT);
            try (WsClient v4 = chat.visitor(session)) {
                assertThat(v4.await(type("error"), WAIT).get("code").asText()).isEqualTo("rate_limited");
            }
        }
    }

    @Test
    void rowsAndLeasesOfInstancesDeadForOverAnHourAreDeletedOthersKept() {
        String dead = "dead-" + UUID.randomUUID();
        String lapsed = "lapsed-" + UUID.randomUUID();
        pool.preparedQuery("insert into instance_lease (instance_id, expires_at) values"
                        + " ($1, now() - interval '61 minutes'), ($2, now() - interval '5 minutes')")
                .execute(Tuple.of(dead, lapsed)).await().atMost(WAIT);
        pool.preparedQuery("insert into visitor_socket (connection_id, portal_id, visitor_id, instance_id) values"
                        + " ($1, 'demo', 'v', $1), ($2, 'demo', 'v', $2)")
                .execute(Tuple.of(dead, lapsed)).await().atMost(WAIT);

        sockets.forgetDead().await().atMost(WAIT);

        assertThat(ids("select instance_id from visitor_socket where instance_id in ($1, $2)", dead, lapsed))
                .containsExactly(lapsed);
        assertThat(ids("select instance_id from instance_lease where instance_id in ($1, $2)", dead, lapsed))
                .containsExactly(lapsed);
    }

    @Test
    void aClosedSocketWhoseRowCouldNotBeDeletedIsDeletedAtTheNextRenewal() {
        ChatTest chat = ChatTest.on(base);
        var session = chat.session("demo", chat.chatflow(null, null));
        String visitorId = String.valueOf(session.get("visitorId"));
        // PostgreSQL refuses to delete this visitor's socket rows (as if unreachable at the close).
        pool.query("create or replace function parley_test_refuse_delete() returns trigger language plpgsql as"
                + " $$ begin raise exception 'refused by the test'; end $$").execute().await().atMost(WAIT);
        pool.query("create trigger parley_test_refuse_delete before delete on visitor_socket for each row when"
                + " (old.visitor_id = '" + visitorId + "') execute function parley_test_refuse_delete()")
                .execute().await().atMost(WAIT);
        try {
            admitted(chat.visitor(session)).close();
            await().atMost(WAIT).until(() -> sockets.unreleased() == 1);
            assertThat(socketRows(visitorId)).isEqualTo(1);
        } finally {
            pool.query("drop trigger parley_test_refuse_delete on visitor_socket").execute().await().atMost(WAIT);
        }

        sockets.releaseLeftovers().await().atMost(WAIT);

        assertThat(socketRows(visitorId)).isZero();
        assertThat(sockets.unreleased()).isZero();
    }

    private long socketRows(String visitorId) {
        return pool.preparedQuery("select count(*) from visitor_socket where visitor_id = $1")
                .execute(Tuple.of(visitorId)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private List<String> ids(String sql, String a, String b) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(a, b)).await().atMost(WAIT)
                .forEach(r -> out.add(r.getString("instance_id")));
        return out;
    }
}
