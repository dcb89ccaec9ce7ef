package dev.parley.routing.api;

import dev.parley.routing.store.AgentRow;
import dev.parley.routing.store.RoutingSettings;
import java.util.List;

/** The routing API's bodies (requests and responses); entities never leave the service. */
public final class Dtos {

    private Dtos() {
    }

    /** Admin's view and update of an agent; null fields of an update keep their value. */
    public record AgentBody(String displayName, String avatarUrl, Integer capacity, Boolean paidSeat,
                            List<String> teamIds) {
    }

    public record AgentDto(String id, String displayName, String avatarUrl, boolean paidSeat, int capacity,
                           String status, boolean connected, boolean present, int openConversations,
                           int forcedConversations, List<String> teamIds) {
        public static AgentDto of(AgentRow a) {
            return new AgentDto(a.id(), a.displayName(), a.avatarUrl(), a.paidSeat(), a.capacity(), a.status(),
                    a.connections() > 0, a.present(), a.openCount(), a.forcedCount(), a.teams().stream().sorted()
                    .toList());
        }
    }

    /** One agent's live load. */
    public record LoadDto(String agentId, String displayName, String status, boolean present, int open,
                          int capacity, int free) {
        public static LoadDto of(AgentRow a) {
            return new LoadDto(a.id(), a.displayName(), a.status(), a.present(), a.openCount(), a.capacity(),
                    Math.max(0, a.capacity() - a.openCount()));
        }
    }

    public record StatusBody(String status) {
    }

    public record TeamBody(String name, List<String> memberIds) {
    }

    public record TeamDto(String id, String name, List<String> memberIds) {
    }

    public record SettingsDto(String strategy, String fallbackStrategy, String queueOrder, Integer graceSeconds,
                              Boolean rerouteOnAway, Integer defaultCapacity) {
        public static SettingsDto of(RoutingSettings s) {
            return new SettingsDto(s.strategy().name(), s.fallbackStrategy().name(), s.queueOrder().name(),
                    s.graceSeconds(), s.rerouteOnAway(), s.defaultCapacity());
        }
    }

    /** Manual assignment or transfer: to an agent or (transfer only) to a team; {@code force} is admin-only. */
    public record TargetBody(String agentId, String teamId, Boolean force) {
    }

    public record ConversationDto(String id, String chatflowId, String state, String agentId, boolean forced,
                                  Integer position) {
    }
}
