package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The documented walk-through (docs/routing-service.md), on the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class WalkThroughTest extends WithEventTap {

    @Test
    void twoAgentsOfCapacityOneThreeConversationsThenOneCloses() {
        String portal = "walk-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.admin("walk-admin", portal);
        String team = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Support")).post("/api/v1/routing/teams")
                .then().statusCode(201).extract().path("id");
        for (String agent : List.of("alice", "bob")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("capacity", 1, "paidSeat", true, "teamIds", List.of(team)))
                    .put("/api/v1/routing/agents/" + agent).then().statusCode(200).body("capacity", equalTo(1));
            tap.send(AgentConnected.of(portal, agent, "conv-1", "socket-" + agent));
        }
        String chatflow = UUID.randomUUID().toString();
        tap.send(EventTap.chatflow(portal, chatflow, 1, true, List.of(), List.of(team)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(AvailabilityChanged.class,
                a -> a.chatflowId().equals(chatflow) && a.state().equals("AVAILABLE")).isEmpty());

        List<String> conversations = List.of("c1", "c2", "c3").stream().map(c -> c + "-" + portal).toList();
        conversations.forEach(c -> tap.send(ConversationStarted.of(portal, c, chatflow, 1, "inbox", "v-" + c,
                null, "https://shop.example/", "WEB")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tap.events(ConversationAssigned.class, a -> a.portalId().equals(portal))).hasSize(2);
            assertThat(tap.events(ConversationQueued.class, q -> q.conversationId().equals(conversations.get(2))))
                    .extracting(ConversationQueued::position).containsExactly(1);
        });
        ConversationAssigned first = tap.events(ConversationAssigned.class, a -> a.portalId().equals(portal)).get(0);
        given().auth().oauth2(admin).get("/api/v1/routing/load").then().statusCode(200)
                .body("open", equalTo(List.of(1, 1)));

        long closedAt = System.nanoTime();
        tap.send(ConversationClosed.of(portal, first.conversationId(), chatflow, "AGENT", first.agentId(),
                first.agentId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(ConversationAssigned.class,
                a -> a.conversationId().equals(conversations.get(2))).isEmpty());
        var third = tap.seen().stream().filter(s -> s.event() instanceof ConversationAssigned a
                && a.conversationId().equals(conversations.get(2))).findFirst().orElseThrow();
        // The 1 s goal is measured by the routing benchmark (queue re-run p99); a loaded CI machine only prints it.
        System.out.printf("walk-through: close -> queued conversation assigned in %d ms%n",
                Duration.ofNanos(third.seenAtNanos() - closedAt).toMillis());
        assertThat(((ConversationAssigned) third.event()).agentId()).isEqualTo(first.agentId());
    }
}
