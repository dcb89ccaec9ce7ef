package dev.parley.routing.api;

import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import dev.parley.routing.api.Dtos.AgentBody;
import dev.parley.routing.api.Dtos.AgentDto;
import dev.parley.routing.api.Dtos.LoadDto;
import dev.parley.routing.api.Dtos.StatusBody;
import dev.parley.routing.service.Directory;
import dev.parley.routing.service.Presence;
import dev.parley.routing.store.RoutingStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** Agents: each agent's own record and status; admins manage capacity, seats and teams; everyone sees live load. */
@Path("/api/v1/routing")
public class AgentResource {

    private final PortalContext portal;
    private final Directory directory;
    private final Presence presence;
    private final RoutingStore store;

    public AgentResource(PortalContext portal, Directory directory, Presence presence, RoutingStore store) {
        this.portal = portal;
        this.directory = directory;
        this.presence = presence;
        this.store = store;
    }

    /** The caller's agent record, registered on the first call (display name from the token). */
    @GET
    @Path("/agents/me")
    @RolesAllowed({"agent", "admin"})
    public Uni<AgentDto> me() {
        String portalId = portal.portalId();
        String subject = portal.subject();
        String name = Validate.text("name", portal.displayName(), 200, false);
        return Panache.withTransaction(() -> directory.me(portalId, subject, name)).map(AgentDto::of);
    }

    @PUT
    @Path("/agents/me/status")
    @RolesAllowed({"agent", "admin"})
    public Uni<AgentDto> setStatus(StatusBody body) {
        String status = Validate.body(body).status();
        if (!"AVAILABLE".equals(status) && !"AWAY".equals(status)) {
            throw ProblemException.badRequest("status", "status must be AVAILABLE or AWAY");
        }
        String portalId = portal.portalId();
        String subject = portal.subject();
        String name = Validate.text("name", portal.displayName(), 200, false);
        return Panache.withTransaction(() -> directory.me(portalId, subject, name)
                        .chain(() -> presence.setStatus(portalId, subject, status)))
                .chain(() -> Panache.withSession(() -> store.agent(portalId, subject)))
                .map(a -> AgentDto.of(a.orElseThrow()));
    }

    @GET
    @Path("/agents")
    @RolesAllowed("admin")
    public Uni<List<AgentDto>> list() {
        String portalId = portal.portalId();
        return Panache.withSession(() -> store.agents(portalId))
                .map(agents -> agents.values().stream().map(AgentDto::of).toList());
    }

    @GET
    @Path("/agents/{agentId}")
    @RolesAllowed("admin")
    public Uni<AgentDto> get(@PathParam("agentId") String agentId) {
        String portalId = portal.portalId();
        return Panache.withSession(() -> store.agent(portalId, agentId))
                .map(a -> AgentDto.of(a.orElseThrow(() -> ProblemException.notFound("agent " + agentId))));
    }

    /** Creates or updates an agent (by OIDC subject): capacity, paid seat, teams, display name, avatar. */
    @PUT
    @Path("/agents/{agentId}")
    @RolesAllowed("admin")
    public Uni<AgentDto> put(@PathParam("agentId") String agentId, AgentBody body) {
        Validate.id("agentId", agentId);
        AgentBody b = Validate.body(body);
        var change = new Directory.AgentChange(Validate.text("displayName", b.displayName(), 200, false),
                Validate.url("avatarUrl", b.avatarUrl()), Validate.range("capacity", b.capacity(), 0, 100),
                b.paidSeat(), Validate.ids("teamIds", b.teamIds()));
        String portalId = portal.portalId();
        return Panache.withTransaction(() -> directory.upsert(portalId, agentId, change)).map(AgentDto::of);
    }

    @DELETE
    @Path("/agents/{agentId}")
    @RolesAllowed("admin")
    public Uni<Void> delete(@PathParam("agentId") String agentId) {
        String portalId = portal.portalId();
        return Panache.withTransaction(() -> directory.deleteAgent(portalId, agentId));
    }

    /** Every agent's live load: open conversations against capacity. */
    @GET
    @Path("/load")
    @RolesAllowed({"agent", "admin"})
    public Uni<List<LoadDto>> load() {
        String portalId = portal.portalId();
        return Panache.withSession(() -> store.agents(portalId))
                .map(agents -> agents.values().stream().map(LoadDto::of).toList());
    }
}
