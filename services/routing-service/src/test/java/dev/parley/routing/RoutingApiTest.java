package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.demo.DemoTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin and agent API: validation, roles, tenant isolation, the seeded demo, idempotent starts. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RoutingApiTest extends WithEventTap {

    @Test
    void theDemoAgentsAreSeededInTheSupportTeamWithTheBalancedStrategy() {
        String admin = TestTokens.admin(DemoTenants.DEMO_ADMIN.id(), DemoTenants.DEMO);
        given().auth().oauth2(admin).get("/api/v1/routing/load").then().statusCode(200)
                .body("agentId", hasItems(DemoTenants.DEMO_AGENT_1.id(), DemoTenants.DEMO_AGENT_2.id(),
                        DemoTenants.DEMO_AGENT_3.id()))
                .body("find { it.agentId == '" + DemoTenants.DEMO_AGENT_1.id() + "' }.capacity", equalTo(3))
                .body("find { it.agentId == '" + DemoTenants.DEMO_AGENT_1.id() + "' }.displayName",
                        equalTo(DemoTenants.DEMO_AGENT_1.displayName()));
        given().auth().oauth2(admin).get("/api/v1/routing/teams/" + DemoTenants.DEMO_SUPPORT_TEAM).then()
                .statusCode(200).body("memberIds", hasSize(3));
        given().auth().oauth2(admin).get("/api/v1/routing/settings").then().statusCode(200)
                .body("strategy", equalTo("BALANCED"));
        given().auth().oauth2(TestTokens.admin(DemoTenants.OTHER_ADMIN.id(), DemoTenants.OTHER))
                .get("/api/v1/routing/load").then().statusCode(200)
                .body("agentId", equalTo(List.of(DemoTenants.OTHER_AGENT.id())));
    }

    @Test
    void anAgentRegistersThemselvesAndSetsTheirStatus() {
        Portal p = new Portal(tap);
        String token = p.agentToken("self-registered");
        given().auth().oauth2(token).get("/api/v1/routing/agents/me").then().statusCode(200)
                .body("id", equalTo("self-registered")).body("paidSeat", equalTo(false))
                .body("status", equalTo("AVAILABLE"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "AWAY"))
                .put("/api/v1/routing/agents/me/status").then().statusCode(200).body("status", equalTo("AWAY"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "ASLEEP"))
                .put("/api/v1/routing/agents/me/status").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("status"));
        given().auth().oauth2(token).get("/api/v1/routing/agents").then().statusCode(403);
        given().get("/api/v1/routing/load").then().statusCode(401);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        Portal p = new Portal(tap).team().agent("ann", 2, false);
        String agentUrl = "/api/v1/routing/agents/ann";
        for (var bad : List.of(Map.of("capacity", -1), Map.of("capacity", 101), Map.of("avatarUrl", "javascript:x"),
                Map.of("displayName", "line\nbreak"), Map.of("teamIds", List.of("no-such-team")),
                Map.of("teamIds", List.of("bad id with spaces")))) {
            String field = bad.keySet().iterator().next();
            given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(bad).put(agentUrl).then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
        }
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body("{not json").put(agentUrl).then()
                .statusCode(400);
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("strategy", "RANDOM"))
                .put("/api/v1/routing/settings").then().statusCode(400).body("field", equalTo("strategy"));
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("graceSeconds", -5))
                .put("/api/v1/routing/settings").then().statusCode(400).body("field", equalTo("graceSeconds"));
        given().auth().oauth2(p.admin).get(agentUrl).then().statusCode(200).body("capacity", equalTo(2))
                .body("teamIds", equalTo(List.of(p.team))).body("avatarUrl", equalTo(null));

        String hostile = "<script>alert(1)</script> Robert'); drop table agent;--";
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("displayName", hostile))
                .put(agentUrl).then().statusCode(200).body("displayName", equalTo(hostile));
    }

    @Test
    void anotherPortalSeesAndChangesNothing() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).chatflow(true);
        p.start("iso-1");
        p.awaitAssigned("iso-1");
        Portal other = new Portal(tap).team();
        given().auth().oauth2(other.admin).get("/api/v1/routing/agents/ann").then().statusCode(404);
        given().auth().oauth2(other.admin).get("/api/v1/routing/load").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(other.admin).get("/api/v1/routing/teams/" + p.team).then().statusCode(404);
        given().auth().oauth2(other.admin).get("/api/v1/routing/conversations/iso-1").then().statusCode(404);
        given().auth().oauth2(other.admin).contentType(ContentType.JSON).body(Map.of("agentId", "ann"))
                .post("/api/v1/routing/conversations/iso-1/transfer").then().statusCode(404);
        given().auth().oauth2(other.admin).contentType(ContentType.JSON)
                .body(Map.of("capacity", 1, "teamIds", List.of(p.team)))
                .put("/api/v1/routing/agents/intruder").then().statusCode(400).body("field", equalTo("teamIds"));
        given().auth().oauth2(p.admin).get("/api/v1/routing/conversations/iso-1").then().statusCode(200)
                .body("state", equalTo("ASSIGNED")).body("agentId", equalTo("ann"));
    }

    @Test
    void aRedeliveredStartAssignsOnceAndAPoisonRecordDoesNotBlockThePartition() {
        Portal p = new Portal(tap).team().agent("ann", 5, true).chatflow(true);
        ConversationStarted started = p.start("dup-1");
        tap.sendRaw(Topics.CONVERSATIONS, "dup-1", EventJson.write(started));
        tap.sendRaw(Topics.CONVERSATIONS, "dup-1", "{\"type\":\"ConversationStarted\", broken");
        p.start("dup-2");
        p.awaitAssigned("dup-2");
        p.awaitAssigned("dup-1");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> p.assigned("dup-1").size() == 1);
        given().auth().oauth2(p.admin).get("/api/v1/routing/agents/ann").then().body("openConversations",
                equalTo(2));
    }

    @Test
    void aQueuedConversationLearnsItsPositionAndACapacityRiseServesItAtOnce() {
        Portal p = new Portal(tap).team().agent("ann", 1, true).chatflow(true);
        p.start("q-1");
        p.awaitAssigned("q-1");
        p.start("q-2");
        p.start("q-3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tap.events(ConversationQueued.class, q -> q.conversationId().equals("q-2")))
                    .extracting(ConversationQueued::position).contains(1);
            assertThat(tap.events(ConversationQueued.class, q -> q.conversationId().equals("q-3")))
                    .extracting(ConversationQueued::position).contains(2);
        });
        given().auth().oauth2(p.admin).get("/api/v1/routing/conversations/q-3").then().body("position", equalTo(2))
                .body("state", equalTo("QUEUED"));
        given().auth().oauth2(p.admin).contentType(ContentType.JSON).body(Map.of("capacity", 2))
                .put("/api/v1/routing/agents/ann").then().statusCode(200);
        assertThat(p.awaitAssigned("q-2").agentId()).isEqualTo("ann");
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ConversationQueued.class,
                q -> q.conversationId().equals("q-3")).stream().anyMatch(q -> q.position() == 1));
        assertThat(p.assigned("q-3")).isEmpty();
    }
}
