package dev.parley.routing.service;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ChatflowDeleted;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Keeps each chatflow's latest assignment rules (so its availability can be published when agents change) and its
 * availability mode and business hours (conversations of a closed business-hours chatflow wait for the opening).
 */
@ApplicationScoped
public class ChatflowRoutes {

    private final RoutingEngine engine;

    public ChatflowRoutes(RoutingEngine engine) {
        this.engine = engine;
    }

    public Uni<Void> apply(ParleyEvent event) {
        if (event instanceof ChatflowPublished p) {
            ChatflowSettings.Assignment a = p.snapshot() == null || p.snapshot().settings() == null
                    || p.snapshot().settings().assignment() == null
                    ? new ChatflowSettings.Assignment(false, List.of(), List.of())
                    : p.snapshot().settings().assignment();
            ChatflowSettings.Availability hours = p.snapshot() == null || p.snapshot().settings() == null
                    ? null : p.snapshot().settings().availability();
            // The queue run of this decision arms the portal's wake-up at the (new) next opening.
            return engine.decide(p.portalId(), portal -> Sql.update("insert into chatflow_route (portal_id,"
                    + " chatflow_id, version, enabled, user_ids, team_ids, availability_mode, hours, holidays,"
                    + " time_zone) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                    + " on conflict (portal_id, chatflow_id) do update set version = excluded.version,"
                    + " enabled = excluded.enabled, user_ids = excluded.user_ids, team_ids = excluded.team_ids,"
                    + " availability_mode = excluded.availability_mode, hours = excluded.hours,"
                    + " holidays = excluded.holidays, time_zone = excluded.time_zone"
                    + " where chatflow_route.version <= excluded.version", portal, p.chatflowId(), p.version(),
                    a.enabled(), join(a.userIds()), join(a.teamIds()),
                    hours == null ? "ALWAYS" : String.valueOf(hours.mode()),
                    hours == null || hours.hours() == null ? "[]"
                            : EventJson.mapper().valueToTree(hours.hours()).toString(),
                    hours == null ? "" : join(hours.holidays()),
                    p.snapshot() == null ? "" : Sql.orEmpty(p.snapshot().timeZone())).replaceWithVoid());
        }
        if (event instanceof ChatflowDeleted d) {
            return Sql.update("delete from chatflow_route where portal_id = ?1 and chatflow_id = ?2", d.portalId(),
                    d.chatflowId()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private static String join(List<String> ids) {
        return ids == null ? "" : String.join(",", ids);
    }
}
