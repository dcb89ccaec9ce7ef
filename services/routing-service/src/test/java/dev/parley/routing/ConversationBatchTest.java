package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * routing-service consumes parley.conversations.v1 in batches: order per conversation, capacity and the dead-letter
 * topic hold as they did one event at a time.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConversationBatchTest extends WithEventTap {

    @Test
    void aBurstOfStartsAndClosesKeepsOrderCapacityAndParksWhatCannotBeRead() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).chatflow(true);
        String early = "early-" + p.id;
        String poison = "{\"type\":\"ConversationStarted\",\"conversationId\":\"" + early + "\", not json";
        // One key, one partition: the close, the late start and the unreadable record are read in this order.
        tap.sendAsync(ConversationClosed.of(p.id, early, p.chatflow, "VISITOR", null, null));
        tap.sendAsync(ConversationStarted.of(p.id, early, p.chatflow, 1, "inbox", "v-early", null, null, "WEB"));
        tap.sendRaw(Topics.CONVERSATIONS, early, poison);
        String first = "first-" + p.id;
        String second = "second-" + p.id;
        tap.sendAsync(ConversationStarted.of(p.id, first, p.chatflow, 1, "inbox", "v-1", null, null, "WEB"));
        tap.sendAsync(ConversationClosed.of(p.id, first, p.chatflow, "AGENT", "ann", "ann"));
        tap.send(ConversationStarted.of(p.id, second, p.chatflow, 1, "inbox", "v-2", null, null, "WEB"));

        assertThat(p.awaitAssigned(second).agentId()).isEqualTo("ann");
        await().atMost(Duration.ofSeconds(30)).until(() -> EventTap.readAll(ParleyTestInfra.kafkaBootstrap(),
                Topics.dlq(Topics.CONVERSATIONS)).contains(poison));
        // The poison came after the late start on the same partition: that start has been read, and ignored
        // (only the close's placeholder is there, which the API does not show as a conversation).
        given().auth().oauth2(p.admin).get("/api/v1/routing/conversations/" + early).then().statusCode(404);
        assertThat(p.assigned(early)).isEmpty();
        given().auth().oauth2(p.admin).get("/api/v1/routing/conversations/" + first).then().statusCode(200)
                .body("state", equalTo("CLOSED"));
        // Read in one batch, its start and close leave it closed without an agent; read apart, it had ann once.
        assertThat(p.assigned(first)).hasSizeLessThanOrEqualTo(1);
        given().auth().oauth2(p.admin).get("/api/v1/routing/load").then().statusCode(200)
                .body("open", equalTo(List.of(1)));
    }

    @Test
    void aReopenedConversationIsRoutedAgainAndHoldsItsAgentsSeat() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).chatflow(true);
        String once = "once-" + p.id;
        tap.send(ConversationStarted.of(p.id, once, p.chatflow, 1, "inbox", "v-once", null, null, "WEB"));
        p.awaitAssigned(once);
        // Its close and its reopen sent back to back (often one batch: two layers, the reopen after the close; the
        // outcome must be the same either way).
        tap.sendAsync(ConversationClosed.of(p.id, once, p.chatflow, "AGENT", "ann", "ann"));
        tap.send(ConversationReopened.of(p.id, once, "ann"));
        await().atMost(Duration.ofSeconds(30)).until(() -> p.assigned(once).size() == 2);
        given().auth().oauth2(p.admin).get("/api/v1/routing/conversations/" + once).then().statusCode(200)
                .body("state", equalTo("ASSIGNED")).body("agentId", equalTo("ann"));
        // ann's single seat is held by the reopened conversation (counted once): another conversation waits.
        given().auth().oauth2(p.admin).get("/api/v1/routing/load").then().statusCode(200)
                .body("open", equalTo(List.of(1)));
        String next = "next-" + p.id;
        tap.send(ConversationStarted.of(p.id, next, p.chatflow, 1, "inbox", "v-next", null, null, "WEB"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(p.admin)
                .get("/api/v1/routing/conversations/" + next).then().statusCode(200).body("state", equalTo("QUEUED")));
        assertThat(p.assigned(next)).isEmpty();
        tap.send(ConversationClosed.of(p.id, once, p.chatflow, "AGENT", "ann", "ann"));
        assertThat(p.awaitAssigned(next).agentId()).isEqualTo("ann");
        given().auth().oauth2(p.admin).get("/api/v1/routing/load").then().statusCode(200)
                .body("open", equalTo(List.of(1)));
    }
}
