package dev.parley.config.api;

import dev.parley.config.repository.PortalRepository;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/v1/portal")
@RolesAllowed({"agent", "admin"})
public class PortalResource {

    private final PortalRepository portals;
    private final PortalContext caller;

    public PortalResource(PortalRepository portals, PortalContext caller) {
        this.portals = portals;
        this.caller = caller;
    }

    /** The caller's own portal; the portal comes from the token, so no other portal can be named. */
    @GET
    @WithSession
    public Uni<PortalView> current() {
        return portals.findById(caller.portalId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("portal " + caller.portalId()))
                .map(p -> new PortalView(p.id, p.name, p.timeZone));
    }
}
