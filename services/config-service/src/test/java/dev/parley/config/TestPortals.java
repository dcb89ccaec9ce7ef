package dev.parley.config;

import dev.parley.config.domain.Portal;
import dev.parley.config.repository.PortalRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Creates a portal of its own for a test class, so seeded demo chatflows never answer its resolutions. */
@ApplicationScoped
public class TestPortals {

    private final PortalRepository portals;

    public TestPortals(PortalRepository portals) {
        this.portals = portals;
    }

    public void ensure(String id, String timeZone) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> portals.findById(id)
                    .chain(existing -> existing != null ? Uni.createFrom().voidItem() : persist(id, timeZone))));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Void> persist(String id, String timeZone) {
        Portal p = new Portal();
        p.id = id;
        p.name = "Portal " + id;
        p.timeZone = timeZone;
        p.createdAt = Instant.now();
        p.accentColor = "#2D6CDF";
        p.widgetPosition = "BOTTOM_RIGHT";
        return portals.persist(p).replaceWithVoid();
    }
}
