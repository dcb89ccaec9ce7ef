package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.routing.service.PortalTimers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Business hours in routing, on the real broker and database with the service's clock shifted ({@link TestClock}):
 * while a business-hours chatflow is closed its conversations wait in the queue (an agent may still claim them);
 * at the opening a one-shot wake-up re-runs the portal's queue — no periodic sweep exists to do it otherwise.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BusinessHoursRoutingTest extends WithEventTap {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    TestClock clock;
    @Inject
    PortalTimers timers;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Every day 09:00–17:00 in Paris, with the given holidays. */
    static ChatflowSettings.Availability nineToFive(String... holidays) {
        return new ChatflowSettings.Availability("BUSINESS_HOURS", Arrays.stream(DayOfWeek.values())
                .map(d -> new HoursRange(d.name(), "09:00", "17:00")).toList(), List.of(holidays), null, null, null);
    }

    @Test
    void aConversationQueuedWhileClosedIsAssignedWithinOneSecondOfTheOpening() {
        Portal p = new Portal(tap).team().agent("ann", 2, true).chatflow(true, nineToFive(), "Europe/Paris");
        Instant opening = LocalDateTime.of(LocalDate.now(PARIS).plusDays(1), java.time.LocalTime.of(9, 0))
                .atZone(PARIS).toInstant();
        // the service's clock now reads eight seconds before the opening (and runs on)
        clock.set(opening.minusSeconds(8));
        long setAtNanos = System.nanoTime();
        Instant setAt = clock.instant();

        p.start("bh-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(ConversationQueued.class,
                q -> q.conversationId().equals("bh-1")).isEmpty());
        var queued = tap.seen().stream().filter(s -> s.event() instanceof ConversationQueued q
                && q.conversationId().equals("bh-1")).findFirst().orElseThrow();
        assertThat(at(queued, setAt, setAtNanos)).as("queued before the opening").isBefore(opening);
        assertThat(((ConversationQueued) queued.event()).position()).isEqualTo(1);
        assertThat(p.assigned("bh-1")).as("ann is free, but the chatflow is closed").isEmpty();
        assertThat(timers.armedAt(p.id)).isEqualTo(opening);

        p.awaitAssigned("bh-1");
        var assigned = tap.seen().stream().filter(s -> s.event() instanceof ConversationAssigned a
                && a.conversationId().equals("bh-1")).findFirst().orElseThrow();
        Instant assignedAt = at(assigned, setAt, setAtNanos);
        System.out.printf("business hours: opening -> queued conversation assigned in %d ms%n",
                Duration.between(opening, assignedAt).toMillis());
        assertThat(assignedAt).isAfterOrEqualTo(opening).isBefore(opening.plusSeconds(1));
        assertThat(((ConversationAssigned) assigned.event()).agentId()).isEqualTo("ann");
        assertThat(timers.armedAt(p.id)).as("nothing left to wake for").isNull();
    }

    @Test
    void onAHolidayConversationsWaitForTheNextOpeningButAnAgentMayClaimThem() {
        Portal p = new Portal(tap).team().agent("ann", 2, true).chatflow(true, nineToFive("2026-12-25"),
                "Europe/Paris");
        clock.set(LocalDateTime.parse("2026-12-25T11:00").atZone(PARIS).toInstant());
        p.start("hol-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap.events(ConversationQueued.class,
                q -> q.conversationId().equals("hol-1")).isEmpty());
        assertThat(timers.armedAt(p.id)).isEqualTo(LocalDateTime.parse("2026-12-26T09:00").atZone(PARIS)
                .toInstant());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> p.assigned("hol-1")
                .isEmpty());

        given().auth().oauth2(p.agentToken("ann")).post("/api/v1/routing/conversations/hol-1/claim").then()
                .statusCode(200).body("state", equalTo("ASSIGNED")).body("agentId", equalTo("ann"));
        assertThat(timers.armedAt(p.id)).as("nothing left to wake for").isNull();
    }

    /** The service's clock when the tap saw the record. */
    private static Instant at(EventTap.Seen seen, Instant setAt, long setAtNanos) {
        return setAt.plusNanos(seen.seenAtNanos() - setAtNanos);
    }
}
