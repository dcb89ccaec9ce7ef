package dev.parley.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentPickerTest {

    static AgentView agent(String id, int open, long lastAssignedAt) {
        return new AgentView(id, true, true, 3, open, lastAssignedAt, Set.of());
    }

    @Test
    void balancedPicksFewestOpenThenLongestIdleThenId() {
        var a = agent("a", 2, 10);
        var b = agent("b", 1, 50);
        var c = agent("c", 1, 20);
        var d = agent("d", 1, 20);
        assertThat(AgentPicker.pick(Strategy.BALANCED, Strategy.BALANCED, List.of(a, b, c, d), null, null))
                .get().extracting(AgentView::id).isEqualTo("c");
    }

    @Test
    void anAgentNeverAssignedIsTheLongestIdle() {
        var veteran = agent("a", 0, 5);
        var fresh = agent("z", 0, Long.MIN_VALUE);
        assertThat(AgentPicker.pick(Strategy.BALANCED, Strategy.BALANCED, List.of(veteran, fresh), null, null))
                .get().extracting(AgentView::id).isEqualTo("z");
    }

    @Test
    void roundRobinServesTheNextIdAfterTheCursorAndWraps() {
        var list = List.of(agent("c", 0, 0), agent("a", 2, 0), agent("b", 0, 0));
        assertThat(AgentPicker.pick(Strategy.ROUND_ROBIN, Strategy.BALANCED, list, null, null).get().id())
                .isEqualTo("a");
        assertThat(AgentPicker.pick(Strategy.ROUND_ROBIN, Strategy.BALANCED, list, null, "a").get().id())
                .isEqualTo("b");
        assertThat(AgentPicker.pick(Strategy.ROUND_ROBIN, Strategy.BALANCED, list, null, "c").get().id())
                .isEqualTo("a");
        // the cursor's agent left the eligible set: the next one after it in id order
        assertThat(AgentPicker.pick(Strategy.ROUND_ROBIN, Strategy.BALANCED, list, null, "bb").get().id())
                .isEqualTo("c");
    }

    @Test
    void contactOwnerFirstWhenEligibleElseTheFallback() {
        var owner = agent("owner", 2, 0);
        var other = agent("other", 0, 0);
        assertThat(AgentPicker.pick(Strategy.CONTACT_OWNER, Strategy.BALANCED, List.of(owner, other), "owner", null)
                .get().id()).isEqualTo("owner");
        assertThat(AgentPicker.pick(Strategy.CONTACT_OWNER, Strategy.BALANCED, List.of(other), "owner", null)
                .get().id()).isEqualTo("other");
        assertThat(AgentPicker.pick(Strategy.CONTACT_OWNER, Strategy.ROUND_ROBIN,
                List.of(agent("y", 0, 0), agent("x", 1, 0)), null, "x").get().id()).isEqualTo("y");
    }

    @Test
    void nobodyEligibleMeansNobody() {
        assertThat(AgentPicker.pick(Strategy.BALANCED, Strategy.BALANCED, List.of(), null, null)).isEmpty();
    }
}
