package dev.parley.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    static final Dispatcher.Policy BALANCED = new Dispatcher.Policy(Strategy.BALANCED, Strategy.BALANCED);

    static QueuedItem item(String id, String chatflow, long seq) {
        return new QueuedItem(id, chatflow, 0, seq, Set.of(), Set.of(), null);
    }

    static Map<String, AgentView> agents(AgentView... views) {
        Map<String, AgentView> map = new LinkedHashMap<>();
        for (AgentView v : views) {
            map.put(v.id(), v);
        }
        return map;
    }

    @Test
    void twoAgentsOfCapacityOneThreeConversations() {
        var agents = agents(new AgentView("a", true, true, 1, 0, 0, Set.of()),
                new AgentView("b", true, true, 1, 0, 0, Set.of()));
        var result = Dispatcher.drain(List.of(item("c1", "f", 1), item("c2", "f", 2), item("c3", "f", 3)), agents,
                BALANCED, null, 100);
        assertThat(result.assignments()).extracting(Dispatcher.Assignment::conversationId)
                .containsExactly("c1", "c2");
        assertThat(result.waiting()).extracting(QueuedItem::conversationId).containsExactly("c3");
        assertThat(Dispatcher.positions(result.waiting())).containsEntry("c3", 1);
        assertThat(result.agents().values()).allMatch(a -> a.open() == 1);
    }

    @Test
    void onlyAvailablePresentSeatedAgentsTheRulesAdmitAreEligible() {
        var agents = agents(new AgentView("away", false, true, 5, 0, 0, Set.of("t")),
                new AgentView("noSeat", true, false, 5, 0, 0, Set.of("t")),
                new AgentView("full", true, true, 1, 1, 0, Set.of("t")),
                new AgentView("otherTeam", true, true, 5, 0, 0, Set.of("u")),
                new AgentView("ok", true, true, 5, 0, 0, Set.of("t")),
                new AgentView("named", true, true, 5, 3, 0, Set.of()));
        var conversation = new QueuedItem("c", "f", 0, 1, Set.of("named"), Set.of("t"), null);
        assertThat(Dispatcher.eligible(conversation, agents)).extracting(AgentView::id)
                .containsExactlyInAnyOrder("ok", "named");
    }

    @Test
    void aLaterConversationOfAnotherChatflowMayGoFirstWhenOnlyItsAgentsAreFree() {
        var agents = agents(new AgentView("a", true, true, 1, 1, 0, Set.of("ta")),
                new AgentView("b", true, true, 1, 0, 0, Set.of("tb")));
        var first = new QueuedItem("c1", "fa", 0, 1, Set.of(), Set.of("ta"), null);
        var second = new QueuedItem("c2", "fb", 0, 2, Set.of(), Set.of("tb"), null);
        var result = Dispatcher.drain(List.of(second, first), agents, BALANCED, null, 0);
        assertThat(result.assignments()).extracting(Dispatcher.Assignment::conversationId).containsExactly("c2");
        assertThat(Dispatcher.positions(result.waiting())).containsEntry("c1", 1);
    }

    @Test
    void priorityGoesFirstThenArrival() {
        var agents = agents(new AgentView("a", true, true, 1, 0, 0, Set.of()));
        var early = item("early", "f", 1);
        var vip = new QueuedItem("vip", "f", 1, 5, Set.of(), Set.of(), null);
        var result = Dispatcher.drain(List.of(early, vip), agents, BALANCED, null, 0);
        assertThat(result.assignments()).extracting(Dispatcher.Assignment::conversationId).containsExactly("vip");
        assertThat(Dispatcher.positions(List.of(early, vip, item("late", "f", 9))))
                .containsExactly(Map.entry("vip", 1), Map.entry("early", 2), Map.entry("late", 3));
    }

    @Test
    void roundRobinMovesTheCursor() {
        var agents = agents(new AgentView("a", true, true, 5, 0, 0, Set.of()),
                new AgentView("b", true, true, 5, 0, 0, Set.of()));
        var result = Dispatcher.drain(List.of(item("c1", "f", 1), item("c2", "f", 2), item("c3", "f", 3)), agents,
                new Dispatcher.Policy(Strategy.ROUND_ROBIN, Strategy.BALANCED), "a", 0);
        assertThat(result.assignments()).extracting(Dispatcher.Assignment::agentId).containsExactly("b", "a", "b");
        assertThat(result.rrCursor()).isEqualTo("b");
    }

    @Test
    void availabilityAndWaitEstimate() {
        var rules = new QueuedItem("", "f", 0, 0, Set.of(), Set.of("t"), null);
        var full = new AgentView("a", true, true, 1, 1, 0, Set.of("t"));
        var free = new AgentView("b", true, true, 1, 0, 0, Set.of("t"));
        var away = new AgentView("c", false, true, 1, 0, 0, Set.of("t"));
        assertThat(Availability.of(List.of(full, free), rules)).isEqualTo(Availability.AVAILABLE);
        assertThat(Availability.of(List.of(full, away), rules)).isEqualTo(Availability.AT_CAPACITY);
        assertThat(Availability.of(List.of(away), rules)).isEqualTo(Availability.AWAY);
        assertThat(WaitEstimate.seconds(3, 120.0, 2)).isEqualTo(180L);
        assertThat(WaitEstimate.seconds(1, null, 2)).isNull();
        assertThat(WaitEstimate.seconds(1, 10.0, 0)).isEqualTo(10L);
    }

    @Test
    void positionsAreAnnouncedFirstNearTheHeadAndEveryTenthPlaceDeeper() {
        assertThat(Dispatcher.announce(null, 57, 10)).isTrue();
        assertThat(Dispatcher.announce(57, 57, 10)).isFalse();
        assertThat(Dispatcher.announce(57, 56, 10)).isFalse();
        assertThat(Dispatcher.announce(57, 50, 10)).isTrue();
        assertThat(Dispatcher.announce(11, 10, 10)).isTrue();
        assertThat(Dispatcher.announce(3, 2, 10)).isTrue();
        // moved back (a re-routed conversation went ahead): always told
        assertThat(Dispatcher.announce(23, 24, 10)).isTrue();
    }

    @Test
    void aClosedChatflowsConversationsKeepTheirPlaceWithoutBlockingAnotherChatflow() {
        var agents = agents(new AgentView("a", true, true, 2, 0, 0, Set.of()));
        var result = Dispatcher.drain(List.of(item("closed-1", "hours", 1), item("open-1", "always", 2),
                item("closed-2", "hours", 3)), agents, BALANCED, null, 100, Set.of("hours"));
        assertThat(result.assignments()).extracting(Dispatcher.Assignment::conversationId).containsExactly("open-1");
        assertThat(result.waiting()).extracting(QueuedItem::conversationId).containsExactly("closed-1", "closed-2");
        assertThat(Dispatcher.positions(result.waiting())).containsEntry("closed-1", 1).containsEntry("closed-2", 2);
        // once open, the first in line goes first
        var opened = Dispatcher.drain(result.waiting(), result.agents(), BALANCED, null, 200, Set.of());
        assertThat(opened.assignments()).extracting(Dispatcher.Assignment::conversationId).containsExactly("closed-1");
    }
}
