package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.infra.test.TestTokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh portal for one test: its admin token, a team, agents and a chatflow, arranged through the real API. */
final class Portal {

    final String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = TestTokens.admin("admin-" + id, id);
    final EventTap tap;
    String team;
    String chatflow;

    Portal(EventTap tap) {
        this.tap = tap;
    }

    String agentToken(String agent) {
        return TestTokens.agent(agent, id);
    }

    Portal team() {
        team = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Support"))
                .post("/api/v1/routing/teams").then().statusCode(201).extract().path("id");
        return this;
    }

    Portal agent(String agent, int capacity, boolean connect) {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("capacity", capacity, "paidSeat", true, "teamIds", List.of(team)))
                .put("/api/v1/routing/agents/" + agent).then().statusCode(200);
        if (connect) {
            tap.send(AgentConnected.of(id, agent, "conv-1", "socket-" + agent));
        }
        return this;
    }

    /** Publishes a chatflow (auto-assigning to the team or not) and waits until routing knows it. */
    Portal chatflow(boolean autoAssign) {
        return chatflow(autoAssign, new ChatflowSettings.Availability("USERS", List.of(), List.of(), null, null, null),
                "UTC");
    }

    /** As above, with the given availability settings (business hours in {@code timeZone}). */
    Portal chatflow(boolean autoAssign, ChatflowSettings.Availability availability, String timeZone) {
        chatflow = UUID.randomUUID().toString();
        tap.send(EventTap.chatflow(id, chatflow, 1, autoAssign, List.of(), autoAssign ? List.of(team) : List.of(),
                availability, timeZone));
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(AvailabilityChanged.class,
                a -> a.chatflowId().equals(chatflow)).isEmpty());
        return this;
    }

    ConversationStarted start(String conversation) {
        ConversationStarted started = ConversationStarted.of(id, conversation, chatflow, 1, "inbox",
                "visitor-" + conversation, null, null, "WEB");
        tap.send(started);
        return started;
    }

    List<ConversationAssigned> assigned(String conversation) {
        return tap.events(ConversationAssigned.class, a -> a.portalId().equals(id)
                && a.conversationId().equals(conversation));
    }

    ConversationAssigned awaitAssigned(String conversation) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !assigned(conversation).isEmpty());
        return assigned(conversation).get(0);
    }
}
