package dev.parley.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import dev.parley.routing.domain.QueuedItem;
import dev.parley.routing.store.AgentRow;
import dev.parley.routing.store.RoutingStore.Route;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a portal's state next changes by itself: the wake-up {@link RoutingEngine#drain} arms. */
class WakeUpTest {

    // 2026-11-23 is a Monday; 07:00 UTC is 08:00 in Paris
    static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");
    static final BusinessHours NINE_TO_FIVE = BusinessHours.of(ZoneId.of("Europe/Paris"),
            List.of(new HoursRange("MONDAY", "09:00", "17:00")), List.of());
    static final Route HOURS = new Route("hours", Set.of(), Set.of(), null, NINE_TO_FIVE);
    static final Route ALWAYS = new Route("always", Set.of(), Set.of(), null, null);

    static QueuedItem waiting(String chatflow) {
        return new QueuedItem("c-" + chatflow, chatflow, 0, 1, Set.of(), Set.of(), null);
    }

    static AgentRow agent(String id, Long graceLeftMillis) {
        return new AgentRow(id, id, null, true, 2, "AVAILABLE", 0, true, 0, 0, 0, Set.of(), graceLeftMillis);
    }

    @Test
    void aClosedChatflowWithWaitingConversationsWakesAtItsOpening() {
        Set<String> closed = RoutingEngine.closedChatflows(List.of(HOURS, ALWAYS), NOW);
        assertThat(closed).containsExactly("hours");
        assertThat(RoutingEngine.nextWakeUp(List.of(), List.of(HOURS, ALWAYS), closed, List.of(waiting("hours")),
                NOW)).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        // nobody waits on it: nothing to wake for
        assertThat(RoutingEngine.nextWakeUp(List.of(), List.of(HOURS, ALWAYS), closed, List.of(waiting("always")),
                NOW)).isNull();
        // open: not closed, no wake-up
        assertThat(RoutingEngine.closedChatflows(List.of(HOURS), Instant.parse("2026-11-23T08:00:00Z"))).isEmpty();
    }

    @Test
    void theEarliestOfOpeningsAndGracePeriodEndsWins() {
        Set<String> closed = Set.of("hours");
        assertThat(RoutingEngine.nextWakeUp(List.of(agent("a", 30_000L), agent("b", null)), List.of(HOURS), closed,
                List.of(waiting("hours")), NOW)).isEqualTo(NOW.plusSeconds(30));
        // a grace period already over wakes at once
        assertThat(RoutingEngine.nextWakeUp(List.of(agent("a", -5L)), List.of(), Set.of(), List.of(), NOW))
                .isEqualTo(NOW);
        assertThat(agent("a", -5L).view().available()).isFalse();
        assertThat(agent("a", 5L).view().available()).isTrue();
    }
}
