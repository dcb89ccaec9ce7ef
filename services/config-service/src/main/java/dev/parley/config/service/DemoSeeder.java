package dev.parley.config.service;

import dev.parley.config.domain.Portal;
import dev.parley.config.repository.PortalRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo tenants for the local stack and the tests, through the same code paths as real use so that
 * whatever a seeded object announces reaches Kafka like any other change. Idempotent: a restart seeds nothing twice.
 */
@ApplicationScoped
public class DemoSeeder {

    private final PortalRepository portals;
    private final boolean enabled;

    public DemoSeeder(PortalRepository portals, @ConfigProperty(name = "parley.seed-demo") boolean enabled) {
        this.portals = portals;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::seed));
        }
    }

    private Uni<Void> seed() {
        return portal("demo", "Demo Inc.", "Europe/Berlin")
                .chain(() -> portal("other", "Other Ltd.", "America/New_York"));
    }

    private Uni<Void> portal(String id, String name, String timeZone) {
        return portals.findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Portal p = new Portal();
            p.id = id;
            p.name = name;
            p.timeZone = timeZone;
            p.createdAt = Instant.now();
            return portals.persist(p).replaceWithVoid();
        });
    }
}
