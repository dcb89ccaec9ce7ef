package dev.parley.routing.service;

import dev.parley.kit.demo.DemoTenants;
import dev.parley.kit.demo.DemoTenants.User;
import dev.parley.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo agents for the local stack and the tests: demo-agent-1..3 (paid seat, capacity 3, AVAILABLE) in
 * the demo support team that the demo chatflows assign to, portal strategy BALANCED; other-agent in the other
 * portal's team. They are not present until their inbox connects. Idempotent: a restart changes nothing.
 */
@ApplicationScoped
public class DemoSeeder {

    private final boolean enabled;

    public DemoSeeder(@ConfigProperty(name = "parley.seed-demo") boolean enabled) {
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::seed));
        }
    }

    private Uni<Void> seed() {
        return portal(DemoTenants.DEMO, DemoTenants.DEMO_SUPPORT_TEAM, "Support",
                List.of(DemoTenants.DEMO_AGENT_1, DemoTenants.DEMO_AGENT_2, DemoTenants.DEMO_AGENT_3))
                .chain(() -> portal(DemoTenants.OTHER, DemoTenants.OTHER_SUPPORT_TEAM, "Support",
                        List.of(DemoTenants.OTHER_AGENT)));
    }

    private Uni<Void> portal(String portalId, String teamId, String teamName, List<User> agents) {
        return Sql.update("insert into routing_settings (portal_id, strategy) values (?1, 'BALANCED')"
                        + " on conflict do nothing", portalId)
                .chain(() -> Sql.update("insert into team (portal_id, id, name) values (?1, ?2, ?3)"
                        + " on conflict do nothing", portalId, teamId, teamName))
                .chain(() -> Sql.each(agents, a -> Sql.update("insert into agent (portal_id, id, display_name,"
                                + " paid_seat, capacity, status) values (?1, ?2, ?3, true, 3, 'AVAILABLE')"
                                + " on conflict do nothing", portalId, a.id(), a.displayName())
                        .chain(() -> Sql.update("insert into team_member (portal_id, team_id, agent_id)"
                                + " values (?1, ?2, ?3) on conflict do nothing", portalId, teamId, a.id()))));
    }
}
