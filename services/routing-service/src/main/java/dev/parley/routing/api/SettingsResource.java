package dev.parley.routing.api;

import dev.parley.kit.security.PortalContext;
import dev.parley.routing.api.Dtos.SettingsDto;
import dev.parley.routing.domain.QueueOrder;
import dev.parley.routing.domain.Strategy;
import dev.parley.routing.service.Directory;
import dev.parley.routing.store.RoutingSettings;
import dev.parley.routing.store.RoutingStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** The portal's routing settings: strategy (+ fallback), queue order, grace period, re-route on away. */
@Path("/api/v1/routing/settings")
public class SettingsResource {

    private final PortalContext portal;
    private final RoutingStore store;
    private final Directory directory;

    public SettingsResource(PortalContext portal, RoutingStore store, Directory directory) {
        this.portal = portal;
        this.store = store;
        this.directory = directory;
    }

    @GET
    @RolesAllowed({"agent", "admin"})
    public Uni<SettingsDto> get() {
        String portalId = portal.portalId();
        return Panache.withSession(() -> store.settings(portalId)).map(SettingsDto::of);
    }

    /** Replaces the settings; omitted fields keep their current value. */
    @PUT
    @RolesAllowed("admin")
    public Uni<SettingsDto> put(SettingsDto body) {
        SettingsDto b = Validate.body(body);
        Strategy strategy = Validate.oneOf("strategy", b.strategy(), Strategy.class);
        Strategy fallback = Validate.oneOf("fallbackStrategy", b.fallbackStrategy(), Strategy.class);
        if (fallback == Strategy.CONTACT_OWNER) {
            throw dev.parley.kit.api.ProblemException.badRequest("fallbackStrategy",
                    "fallbackStrategy must be ROUND_ROBIN or BALANCED");
        }
        QueueOrder order = Validate.oneOf("queueOrder", b.queueOrder(), QueueOrder.class);
        Integer grace = Validate.range("graceSeconds", b.graceSeconds(), 0, 3600);
        Integer capacity = Validate.range("defaultCapacity", b.defaultCapacity(), 0, 100);
        String portalId = portal.portalId();
        return Panache.withTransaction(() -> store.settings(portalId).chain(s -> directory.saveSettings(portalId,
                new RoutingSettings(strategy != null ? strategy : s.strategy(),
                        fallback != null ? fallback : s.fallbackStrategy(), order != null ? order : s.queueOrder(),
                        grace != null ? grace : s.graceSeconds(),
                        b.rerouteOnAway() != null ? b.rerouteOnAway() : s.rerouteOnAway(),
                        capacity != null ? capacity : s.defaultCapacity(), s.rrCursor()))))
                .map(SettingsDto::of);
    }
}
