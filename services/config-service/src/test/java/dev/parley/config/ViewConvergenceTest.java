package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.config.api.ChatflowPatch;
import dev.parley.config.api.ChatflowRequest;
import dev.parley.config.api.PortalRequests;
import dev.parley.config.service.ChatflowService;
import dev.parley.config.service.PortalService;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.AvailabilityChanged;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import dev.parley.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes made through <em>another</em> instance of config-service reach this instance's resolution view by their
 * events, not by the periodic rebuild (set to an hour in the test profile).
 *
 * <p>"Another instance" is the service layer called directly: it commits the change and stages its event in the
 * outbox exactly as a request on another instance would, but skips this instance's after-commit refresh (which only
 * the REST resources do). The event then travels through the real outbox relay and Kafka to this instance's broadcast
 * consumer. One test goes further and writes the rows with plain SQL, sending the event by hand.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ViewConvergenceTest {

    static final String PORTAL = "t-converge";
    static final String ZONE_PORTAL = "t-converge-zone";
    static final String ADMIN = TestTokens.admin("converge-admin", PORTAL);
    static final String ZONE_ADMIN = TestTokens.admin("converge-zone-admin", ZONE_PORTAL);
    /** How long a change may take to reach this instance: the relay, the broker, one poll and one portal read. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    @Inject
    TestPortals portals;
    @Inject
    TestClock clock;
    @Inject
    ChatflowService chatflows;
    @Inject
    PortalService portalService;
    @Inject
    @Identifier("config-service.view-catch-up")
    KafkaConsumerRebalanceListener catchUp;
    @ConfigProperty(name = "parley.instance-id")
    String instanceId;
    @ConfigProperty(name = "parley.view.rebuild-every")
    Duration rebuildEvery;

    @BeforeEach
    void ready() {
        assertThat(rebuildEvery).as("the periodic rebuild must not be what makes changes visible")
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
        portals.ensure(PORTAL, "Europe/Berlin");
        portals.ensure(ZONE_PORTAL, "UTC");
        Api.awaitAssigned("config-service-view-chatflows-" + instanceId);
        Api.awaitAssigned("config-service-view-availability-" + instanceId);
    }

    @AfterEach
    void realTime() {
        clock.release();
    }

    @Test
    void liveSwitchesMadeOnAnotherInstanceReachThisOneByTheirEvent() throws Throwable {
        String inbox = Api.inbox(ADMIN, true);
        String a = published(ADMIN, "A", 20, settings(inbox, "switch.test", "from A"));
        String b = published(ADMIN, "B", 10, settings(inbox, "switch.test", "from B"));
        widget(PORTAL, "https://switch.test/").body("chatflowId", equalTo(a));

        otherInstance(() -> chatflows.patch(PORTAL, UUID.fromString(a), new ChatflowPatch(false, null)));
        converges(PORTAL, "https://switch.test/", r -> r.body("chatflowId", equalTo(b)));

        otherInstance(() -> chatflows.patch(PORTAL, UUID.fromString(a), new ChatflowPatch(true, null)));
        converges(PORTAL, "https://switch.test/", r -> r.body("chatflowId", equalTo(a)));

        otherInstance(() -> chatflows.patch(PORTAL, UUID.fromString(b), new ChatflowPatch(null, 30)));
        converges(PORTAL, "https://switch.test/", r -> r.body("chatflowId", equalTo(b)));

        // A PUT that also moves a live switch (its draft edit stays invisible until a publish).
        otherInstance(() -> chatflows.update(PORTAL, UUID.fromString(a), new ChatflowRequest("A", "WEBSITE", true,
                40, EventJson.mapper().convertValue(settings(inbox, "switch.test", "draft only"),
                        ChatflowSettings.class))));
        converges(PORTAL, "https://switch.test/", r -> r.body("chatflowId", equalTo(a))
                .body("welcomeMessage", equalTo("from A")).body("version", equalTo(1)));

        // Each switch went out atomically with it as a snapshot event: version 1 again, its settings unchanged
        // (the draft edit did not leak), the switches as they were then.
        List<ChatflowSnapshot> announced = Api.records(Topics.CHATFLOWS, a, found -> found.size() >= 4).stream()
                .map(r -> EventJson.read(r.value(), ChatflowPublished.class).snapshot()).toList();
        assertThat(announced).extracting(ChatflowSnapshot::version, ChatflowSnapshot::enabled,
                ChatflowSnapshot::priority).containsExactly(tuple(1, true, 20), tuple(1, false, 20),
                tuple(1, true, 20), tuple(1, true, 40));
        assertThat(announced).extracting(ChatflowSnapshot::settings).containsOnly(announced.get(0).settings());
    }

    @Test
    void publishesAndDeletionsMadeOnAnotherInstanceReachThisOne() throws Throwable {
        String inbox = Api.inbox(ADMIN, true);
        String id = published(ADMIN, "Versions", 10, settings(inbox, "versions.test", "one"));
        widget(PORTAL, "https://versions.test/").body("welcomeMessage", equalTo("one"));

        UUID uuid = UUID.fromString(id);
        otherInstance(() -> chatflows.update(PORTAL, uuid, new ChatflowRequest("Versions", "WEBSITE", null, null,
                EventJson.mapper().convertValue(settings(inbox, "versions.test", "two"), ChatflowSettings.class))));
        otherInstance(() -> chatflows.publish(PORTAL, uuid));
        converges(PORTAL, "https://versions.test/", r -> r.body("welcomeMessage", equalTo("two"))
                .body("version", equalTo(2)));

        otherInstance(() -> chatflows.delete(PORTAL, uuid));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given()
                .queryParam("portalId", PORTAL).queryParam("url", "https://versions.test/")
                .get("/api/v1/widget/config").then().statusCode(204));
    }

    @Test
    void portalTimeZoneAndAppearanceChangedOnAnotherInstanceReachThisOne() throws Throwable {
        String inbox = Api.inbox(ZONE_ADMIN, true);
        Map<String, Object> s = settings(inbox, "zone.test", "hours");
        s.put("availability", Map.of("mode", "BUSINESS_HOURS",
                "hours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "17:00")),
                "away", Map.of("behaviour", "SHOW_AWAY_MESSAGE", "message", "Closed")));
        String id = published(ZONE_ADMIN, "Zone", 10, s);
        clock.pin(Instant.parse("2026-11-16T10:00:00Z")); // Monday 10:00 in UTC, 19:00 in Tokyo
        widget(ZONE_PORTAL, "https://zone.test/").body("availability.state", equalTo("AVAILABLE"));

        otherInstance(() -> portalService.update(ZONE_PORTAL, new PortalRequests.Settings(null, "Asia/Tokyo")));
        converges(ZONE_PORTAL, "https://zone.test/", r -> r.body("availability.state", equalTo("AWAY"))
                .body("availability.message", equalTo("Closed")));

        otherInstance(() -> portalService.appearance(ZONE_PORTAL,
                new PortalRequests.Appearance("#112233", "BOTTOM_LEFT")));
        converges(ZONE_PORTAL, "https://zone.test/", r -> r.body("appearance.accentColor", equalTo("#112233"))
                .body("appearance.position", equalTo("BOTTOM_LEFT")));

        // What other services read: the re-announced version carries the new zone.
        var records = Api.records(Topics.CHATFLOWS, id, found -> found.size() >= 3);
        ChatflowSnapshot latest = EventJson.read(records.get(records.size() - 1).value(), ChatflowPublished.class)
                .snapshot();
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.timeZone()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void rowsWrittenElsewhereStayInvisibleUntilTheirEventArrives() throws Throwable {
        String[] ids = twoSettled("raw.test");
        String first = ids[0];
        String second = ids[1];

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Sql.update(
                "update chatflow set enabled = false where id = ?1", UUID.fromString(first))));
        // Answers come from memory: the committed row alone changes nothing here.
        widget(PORTAL, "https://raw.test/").body("chatflowId", equalTo(first));

        ChatflowSnapshot v1 = EventJson.mapper().convertValue(given().auth().oauth2(ADMIN)
                .get("/api/v1/chatflows/" + first + "/versions/1").then().statusCode(200).extract()
                .jsonPath().getMap("snapshot"), ChatflowSnapshot.class);
        Api.send(ChatflowPublished.of(PORTAL, first, 1, "WEBSITE", new ChatflowSnapshot(first, PORTAL, 1,
                "WEBSITE", v1.name(), false, v1.priority(), v1.timeZone(), v1.publishedAt(), v1.settings())));
        converges(PORTAL, "https://raw.test/", r -> r.body("chatflowId", equalTo(second)));
    }

    /**
     * The broadcast channels read from the latest offset once their partitions are assigned: what committed between
     * the start-up build and that moment is read from the database then (the connector calls the listener, as the
     * log shows: "resolution view caught up after [...] were assigned").
     */
    @Test
    void partitionAssignmentCatchesUpWithWhatCommittedBefore() throws Throwable {
        String[] ids = twoSettled("early.test");
        String first = ids[0];
        String second = ids[1];
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Sql.update(
                "update chatflow set enabled = false where id = ?1", UUID.fromString(first))));
        widget(PORTAL, "https://early.test/").body("chatflowId", equalTo(first));

        catchUp.onPartitionsAssigned(null, List.of(new TopicPartition(Topics.CHATFLOWS, 0)));
        converges(PORTAL, "https://early.test/", r -> r.body("chatflowId", equalTo(second)));
    }

    @Test
    void availabilityHandedToAnotherInstanceOfTheSharedGroupStillReachesThisOne() throws Throwable {
        String inbox = Api.inbox(ADMIN, true);
        Map<String, Object> s = settings(inbox, "users.test", "users");
        s.put("availability", Map.of("mode", "USERS", "typicalResponseTime", "FEW_MINUTES",
                "away", Map.of("behaviour", "SHOW_AWAY_MESSAGE", "message", "Nobody here"),
                "atCapacity", Map.of("behaviour", "SHOW_WAITING_MESSAGE", "message", "Please wait")));
        String id = published(ADMIN, "Users", 10, s);
        widget(PORTAL, "https://users.test/").body("availability.state", equalTo("AWAY"));

        handledByAnotherInstance(AvailabilityChanged.of(PORTAL, id, "AVAILABLE"));
        converges(PORTAL, "https://users.test/", r -> r.body("availability.state", equalTo("AVAILABLE"))
                .body("availability.typicalResponseTime", equalTo("FEW_MINUTES")));

        handledByAnotherInstance(AvailabilityChanged.of(PORTAL, id, "AT_CAPACITY"));
        converges(PORTAL, "https://users.test/", r -> r.body("availability.state", equalTo("AT_CAPACITY"))
                .body("availability.message", equalTo("Please wait")));
    }

    /**
     * The shared group handed the record to another instance, which stored the state and marked the event
     * processed; this instance's shared consumer, should it see the record too, finds it processed and does nothing.
     * Only the broadcast channel can bring it here.
     */
    private static void handledByAnotherInstance(AvailabilityChanged event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Sql.update(
                        "insert into processed_event (consumer, event_id) values ('config-service/availability', ?1)",
                        event.eventId())
                .chain(() -> Sql.update("insert into chatflow_availability (chatflow_id, portal_id, state, changed_at)"
                        + " values (?1, ?2, ?3, ?4) on conflict (chatflow_id) do update set state = excluded.state,"
                        + " changed_at = excluded.changed_at", event.chatflowId(), event.portalId(), event.state(),
                        OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC)))));
        Api.send(event);
    }

    /**
     * Two chatflows on {@code host}, the first winning, each also alone on a page of its own; published through the
     * service layer, so each becomes visible here only by its own event. Once both are seen no event of the portal
     * is still on its way, and a test can write rows behind the view's back without a late refresh revealing them.
     */
    private String[] twoSettled(String host) throws Throwable {
        String inbox = Api.inbox(ADMIN, true);
        String first = Api.chatflow(ADMIN, Map.of("name", "First", "kind", "WEBSITE", "enabled", true,
                "priority", 60, "settings", settings(inbox, "first", host, "first." + host)));
        String second = Api.chatflow(ADMIN, Map.of("name", "Second", "kind", "WEBSITE", "enabled", true,
                "priority", 50, "settings", settings(inbox, "second", host, "second." + host)));
        otherInstance(() -> chatflows.publish(PORTAL, UUID.fromString(first)));
        otherInstance(() -> chatflows.publish(PORTAL, UUID.fromString(second)));
        converges(PORTAL, "https://first." + host + "/", r -> r.body("chatflowId", equalTo(first)));
        converges(PORTAL, "https://second." + host + "/", r -> r.body("chatflowId", equalTo(second)));
        widget(PORTAL, "https://" + host + "/").body("chatflowId", equalTo(first));
        return new String[] {first, second};
    }

    private static <T> void otherInstance(Supplier<Uni<T>> change) throws Throwable {
        VertxContextSupport.subscribeAndAwait(change);
    }

    private static Map<String, Object> settings(String inbox, String host, String welcome) {
        return settings(inbox, welcome, List.of(host));
    }

    /** Shown on the pages of either host. */
    private static Map<String, Object> settings(String inbox, String welcome, String host, String otherHost) {
        return settings(inbox, welcome, List.of(host, otherHost));
    }

    private static Map<String, Object> settings(String inbox, String welcome, List<String> hosts) {
        return new HashMap<>(Map.of("inboxId", inbox, "welcomeMessage", welcome, "targeting", Map.of("rules",
                hosts.stream().map(h -> Map.of("kind", "URL", "op", "STARTS_WITH", "value", "https://" + h + "/"))
                        .toList())));
    }

    private static String published(String token, String name, int priority, Map<String, Object> settings) {
        String id = Api.chatflow(token, Map.of("name", name, "kind", "WEBSITE", "enabled", true,
                "priority", priority, "settings", settings));
        Api.publish(token, id);
        return id;
    }

    private static ValidatableResponse widget(String portal, String url) {
        return given().queryParam("portalId", portal).queryParam("url", url).get("/api/v1/widget/config").then()
                .statusCode(200);
    }

    private static void converges(String portal, String url, Consumer<ValidatableResponse> expectation) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> expectation.accept(widget(portal, url)));
    }
}
