package dev.parley.routing.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ErasureRequested;
import dev.parley.contracts.events.ExportRequested;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.PrivacyTopic;
import dev.parley.infra.test.TestTokens;
import dev.parley.routing.EventTap;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** routing-service's privacy part through parley.privacy.v1: a routed contact's email is exported, then erased. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RoutingPrivacyTest {

    static EventTap tap;

    @Inject
    Pool pool;

    @BeforeAll
    static void tap() {
        tap = new EventTap(ParleyTestInfra.kafkaBootstrap());
    }

    @AfterAll
    static void close() {
        tap.close();
    }

    @Test
    void aContactsEmailIsExportedThenErasedOnceAndTheRoutingHistoryStays() {
        String portal = "privacy-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada@" + portal + ".example";
        String conversation = routedAndAssigned(portal, email);

        String export = UUID.randomUUID().toString();
        PrivacyTopic.send(ExportRequested.of(portal, export, email));
        JsonNode part = PrivacyTopic.report("ExportPart", export);
        assertThat(part.get("service").asText()).isEqualTo("routing-service");
        assertThat(part.at("/data/routedConversations/0/conversationId").asText()).isEqualTo(conversation);
        assertThat(part.at("/data/contactOwnerAgentId").asText()).isEqualTo("alice");

        String erasure = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of(portal, erasure, email));
        assertThat(PrivacyTopic.report("ErasureCompleted", erasure).get("itemsErased").asLong()).isEqualTo(2);
        assertThat(count("select count(*) from routed_conversation where portal_id = $1 and contact_key is not null",
                portal)).isZero();
        assertThat(count("select count(*) from contact_owner where portal_id = $1", portal)).isZero();
        assertThat(count("select count(*) from routed_conversation where portal_id = $1 and agent_id = 'alice'",
                portal)).isEqualTo(1);

        String again = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of(portal, again, email));
        assertThat(PrivacyTopic.report("ErasureCompleted", again).get("itemsErased").asLong()).isZero();
        String after = UUID.randomUUID().toString();
        PrivacyTopic.send(ExportRequested.of(portal, after, email));
        assertThat(PrivacyTopic.report("ExportPart", after).get("data").isEmpty()).isTrue();
    }

    @Test
    void aVisitorIdOrAnotherPortalsContactChangesNothing() {
        String portal = "privacy-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "bob@" + portal + ".example";
        routedAndAssigned(portal, email);

        String byVisitor = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of(portal, byVisitor, UUID.randomUUID().toString()));
        String otherPortal = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of("other", otherPortal, email));

        assertThat(PrivacyTopic.report("ErasureCompleted", byVisitor).get("itemsErased").asLong()).isZero();
        assertThat(PrivacyTopic.report("ErasureCompleted", otherPortal).get("itemsErased").asLong()).isZero();
        assertThat(count("select count(*) from contact_owner where portal_id = $1", portal)).isEqualTo(1);
    }

    private String routedAndAssigned(String portal, String email) {
        String admin = TestTokens.admin("privacy-admin", portal);
        String team = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Support"))
                .post("/api/v1/routing/teams").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("capacity", 2, "paidSeat", true, "teamIds", List.of(team)))
                .put("/api/v1/routing/agents/alice").then().statusCode(200);
        tap.send(AgentConnected.of(portal, "alice", "conv-1", "socket-alice"));
        String chatflow = UUID.randomUUID().toString();
        tap.send(EventTap.chatflow(portal, chatflow, 1, true, List.of(), List.of(team)));
        String conversation = "c-" + portal;
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from chatflow_snapshot where portal_id = $1", portal) == 1);
        tap.send(ConversationStarted.of(portal, conversation, chatflow, 1, "inbox", "v-1", email.toUpperCase(),
                "https://shop.example/", "WEB"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(ConversationAssigned.class,
                a -> a.conversationId().equals(conversation)).isEmpty());
        return conversation;
    }

    private long count(String sql, String portal) {
        return pool.preparedQuery(sql).execute(Tuple.of(portal)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
