package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AgentDisconnected;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.ConversationUnassigned;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.kit.sql.Sql;
import dev.parley.routing.service.PortalTimers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manual claim/assign/transfer with capacity and forcing; away and disconnect beyond the grace period. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DeskAndPresenceTest extends WithEventTap {

    @Test
    void agentsClaimInboxConversationsWithinCapacityAndOnlyAdminsForce() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).agent("bob", 1, true).chatflow(false);
        p.start("in-1");
        p.start("in-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(p.admin)
                .get("/api/v1/routing/conversations/in-2").then().statusCode(200).body("state", equalTo("INBOX")));
        String ann = p.agentToken("ann");
        given().auth().oauth2(ann).post("/api/v1/routing/conversations/in-1/claim").then().statusCode(200)
                .body("state", equalTo("ASSIGNED")).body("agentId", equalTo("ann"));
        given().auth().oauth2(ann).post("/api/v1/routing/conversations/in-2/claim").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(ann).contentType(ContentType.JSON).body(Map.of("agentId", "ann", "force", true))
                .post("/api/v1/routing/conversations/in-2/assign").then().statusCode(403);
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("agentId", "ann", "force", true))
                .post("/api/v1/routing/conversations/in-2/assign").then().statusCode(200)
                .body("forced", equalTo(true));
        ConversationAssigned forced = p.awaitAssigned("in-2");
        assertThat(forced.forced()).isTrue();
        assertThat(forced.assignedBy()).isEqualTo("admin-" + p.id);
        assertThat(p.awaitAssigned("in-1").assignedBy()).isEqualTo("ann");
        given().auth().oauth2(p.admin).get("/api/v1/routing/agents/ann").then()
                .body("openConversations", equalTo(2)).body("forcedConversations", equalTo(1));
        // bob holds one too; then ann's forced and unforced ones close together (the batch consumer's statement
        // releases seats per agent): ann gets back both seats and the forced mark, bob keeps his.
        p.start("in-3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(p.agentToken("bob"))
                .post("/api/v1/routing/conversations/in-3/claim").then().statusCode(200));
        tap.sendAsync(ConversationClosed.of(p.id, "in-2", p.chatflow, "AGENT", "ann", "ann"));
        tap.send(ConversationClosed.of(p.id, "in-1", p.chatflow, "AGENT", "ann", "ann"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(p.admin)
                .get("/api/v1/routing/agents/ann").then()
                .body("openConversations", equalTo(0)).body("forcedConversations", equalTo(0)));
        given().auth().oauth2(p.admin).get("/api/v1/routing/agents/bob").then()
                .body("openConversations", equalTo(1)).body("forcedConversations", equalTo(0));
    }

    @Test
    void transferToAFullAgentIsRefusedToATeamItIsRerouted() {
        Portal p = new Portal(tap).team().agent("ann", 2, true).agent("bob", 1, true).chatflow(true);
        p.start("t-1");
        p.start("t-2");
        p.start("t-3");
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ConversationAssigned.class,
                a -> a.portalId().equals(p.id)).size() == 3);
        String onAnn = tap.events(ConversationAssigned.class, a -> a.portalId().equals(p.id)
                && a.agentId().equals("ann")).get(0).conversationId();
        given().auth().oauth2(p.agentToken("ann")).contentType(ContentType.JSON).body(Map.of("agentId", "bob"))
                .post("/api/v1/routing/conversations/" + onAnn + "/transfer").then().statusCode(409);
        given().auth().oauth2(p.agentToken("bob")).contentType(ContentType.JSON).body(Map.of("agentId", "bob"))
                .post("/api/v1/routing/conversations/" + onAnn + "/transfer").then().statusCode(403);
        given().auth().oauth2(p.agentToken("ann")).contentType(ContentType.JSON)
                .body(Map.of("agentId", "bob", "teamId", p.team))
                .post("/api/v1/routing/conversations/" + onAnn + "/transfer").then().statusCode(400);
        given().auth().oauth2(p.agentToken("ann")).contentType(ContentType.JSON).body(Map.of("teamId", p.team))
                .post("/api/v1/routing/conversations/" + onAnn + "/transfer").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(ConversationTransferred.class,
                t -> t.conversationId().equals(onAnn) && p.team.equals(t.toTeamId())).isEmpty());
        // ann freed a seat and is the only team member with one: the conversation comes back to her
        await().atMost(Duration.ofSeconds(30)).until(() -> p.assigned(onAnn).size() == 2);
        assertThat(p.assigned(onAnn).get(1).agentId()).isEqualTo("ann");
    }

    @Test
    void anAgentGoneBeyondTheGracePeriodLosesTheirConversationsToTheQueueInOrder() {
        Portal p = new Portal(tap).team().agent("ann", 2, true).chatflow(true);
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("graceSeconds", 1,
                "rerouteOnAway", true)).put("/api/v1/routing/settings").then().statusCode(200)
                .body("graceSeconds", equalTo(1));
        p.start("g-1");
        p.start("g-2");
        p.awaitAssigned("g-1");
        p.awaitAssigned("g-2");
        p.agent("bob", 2, false);
        // a reconnect within the grace period changes nothing
        tap.send(AgentDisconnected.of(p.id, "ann", "conv-1", "socket-ann"));
        tap.send(AgentConnected.of(p.id, "ann", "conv-1", "socket-ann-2"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> tap.events(
                ConversationUnassigned.class, u -> u.portalId().equals(p.id)).isEmpty());

        tap.send(AgentDisconnected.of(p.id, "ann", "conv-1", "socket-ann-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ConversationUnassigned.class,
                u -> u.portalId().equals(p.id)).size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(AvailabilityChanged.class,
                a -> a.chatflowId().equals(p.chatflow)).stream().reduce((x, y) -> y).get().state().equals("AWAY"));
        tap.send(AgentConnected.of(p.id, "bob", "conv-1", "socket-bob"));
        await().atMost(Duration.ofSeconds(30)).until(() -> p.assigned("g-1").size() == 2
                && p.assigned("g-2").size() == 2);
        assertThat(p.assigned("g-1").get(1).agentId()).isEqualTo("bob");
        given().auth().oauth2(p.admin).get("/api/v1/routing/agents/ann").then().body("openConversations",
                equalTo(0)).body("present", equalTo(false));
    }

    @Test
    void goingAwayReroutesWhenThePortalSaysSo() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).agent("bob", 1, false).chatflow(true);
        p.start("a-1");
        assertThat(p.awaitAssigned("a-1").agentId()).isEqualTo("ann");
        tap.send(AgentConnected.of(p.id, "bob", "conv-1", "socket-bob"));
        given().auth().oauth2(p.agentToken("ann")).contentType(ContentType.JSON).body(Map.of("status", "AWAY"))
                .put("/api/v1/routing/agents/me/status").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> p.assigned("a-1").size() == 2);
        assertThat(p.assigned("a-1").get(1).agentId()).isEqualTo("bob");
    }

    @Inject
    PortalTimers timers;

    /**
     * The AgentDisconnected of ann's last socket was consumed by an instance that died before her grace period
     * ended (its wake-up died with it): in the database she is present without a socket since an hour ago.
     */
    static void lostGracePeriod(Portal p, String agent) {
        sql("delete from agent_connection where portal_id = ?1 and agent_id = ?2", p.id, agent);
        sql("update agent set connections = 0, disconnected_at = now() - interval '1 hour' where portal_id = ?1"
                + " and id = ?2 and present", p.id, agent);
    }

    @Test
    void aGracePeriodWhoseInstanceDiedIsAppliedByTheNextDecisionOfThePortal() {
        Portal p = new Portal(tap).team().agent("ann", 2, true).chatflow(true);
        p.start("lost-1");
        assertThat(p.awaitAssigned("lost-1").agentId()).isEqualTo("ann");
        p.agent("bob", 2, false);
        lostGracePeriod(p, "ann");
        assertThat(timers.armedAt(p.id)).as("no wake-up in this instance").isNull();

        // any decision of the portal — here bob's socket — applies it first
        tap.send(AgentConnected.of(p.id, "bob", "conv-1", "socket-bob"));
        await().atMost(Duration.ofSeconds(30)).until(() -> p.assigned("lost-1").size() == 2);
        assertThat(p.assigned("lost-1").get(1).agentId()).isEqualTo("bob");
        assertThat(tap.events(ConversationUnassigned.class, u -> u.conversationId().equals("lost-1")))
                .extracting(ConversationUnassigned::reason).containsExactly("DISCONNECTED");
        given().auth().oauth2(p.admin).get("/api/v1/routing/agents/ann").then().body("openConversations",
                equalTo(0)).body("present", equalTo(false));
    }

    @Test
    void recoveryAtStartUpOrRebalanceAppliesAGracePeriodNoInstanceWatches() {
        Portal p = new Portal(tap).team().agent("ann", 2, true).chatflow(true);
        p.start("rec-1");
        assertThat(p.awaitAssigned("rec-1").agentId()).isEqualTo("ann");
        p.agent("bob", 2, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(p.admin)
                .get("/api/v1/routing/agents/bob").then().body("present", equalTo(true)));
        lostGracePeriod(p, "ann");

        // no event for the portal: what an instance does at start-up and when a rebalance hands it partitions
        timers.recover();
        await().atMost(Duration.ofSeconds(30)).until(() -> p.assigned("rec-1").size() == 2);
        assertThat(p.assigned("rec-1").get(1).agentId()).isEqualTo("bob");
        assertThat(tap.events(ConversationUnassigned.class, u -> u.conversationId().equals("rec-1")))
                .extracting(ConversationUnassigned::reason).containsExactly("DISCONNECTED");
    }

    @Test
    void aDisconnectArmsTheWakeUpAtTheEndOfTheGracePeriodFromTheDatabase() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).chatflow(true);
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("graceSeconds", 600))
                .put("/api/v1/routing/settings").then().statusCode(200);
        tap.send(AgentDisconnected.of(p.id, "ann", "conv-1", "socket-ann"));
        await().atMost(Duration.ofSeconds(30)).until(() -> timers.armedAt(p.id) != null);
        assertThat(Duration.between(Instant.now(), timers.armedAt(p.id)).toSeconds()).isBetween(500L, 600L);
        tap.send(AgentConnected.of(p.id, "ann", "conv-1", "socket-ann-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> timers.armedAt(p.id) == null);
    }

    static void sql(String sql, Object... params) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Sql.update(sql, params)));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
