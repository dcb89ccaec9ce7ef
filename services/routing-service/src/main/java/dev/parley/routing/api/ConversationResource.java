package dev.parley.routing.api;

import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import dev.parley.routing.api.Dtos.ConversationDto;
import dev.parley.routing.api.Dtos.TargetBody;
import dev.parley.routing.service.ConversationDesk;
import dev.parley.routing.service.ConversationDesk.Actor;
import dev.parley.routing.service.ConversationDesk.Row;
import dev.parley.routing.service.Directory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Manual routing, called by agents directly (conversation-service does not proxy): claim, assign, transfer.
 * Results reach everyone through parley.routing.v1 like automatic decisions.
 */
@Path("/api/v1/routing/conversations/{conversationId}")
@RolesAllowed({"agent", "admin"})
public class ConversationResource {

    private final PortalContext portal;
    private final SecurityIdentity identity;
    private final ConversationDesk desk;
    private final Directory directory;

    public ConversationResource(PortalContext portal, SecurityIdentity identity, ConversationDesk desk,
                                Directory directory) {
        this.portal = portal;
        this.identity = identity;
        this.desk = desk;
        this.directory = directory;
    }

    @GET
    public Uni<ConversationDto> get(@PathParam("conversationId") String conversationId) {
        String portalId = portal.portalId();
        return Panache.withSession(() -> desk.find(portalId, conversationId)).map(ConversationResource::dto);
    }

    /** The calling agent takes a waiting conversation (from the inbox or the queue); capacity applies. */
    @POST
    @Path("/claim")
    public Uni<ConversationDto> claim(@PathParam("conversationId") String conversationId) {
        String portalId = portal.portalId();
        Actor actor = actor();
        String name = Validate.text("name", portal.displayName(), 200, false);
        return Panache.withTransaction(() -> directory.me(portalId, actor.id(), name)
                        .chain(() -> desk.assign(portalId, conversationId, actor.id(), false, actor)))
                .map(ConversationResource::dto);
    }

    /** Assigns a waiting conversation to an agent; {@code force} (admins only) goes past capacity, recorded. */
    @POST
    @Path("/assign")
    public Uni<ConversationDto> assign(@PathParam("conversationId") String conversationId, TargetBody body) {
        TargetBody b = Validate.body(body);
        String agentId = Validate.id("agentId", b.agentId());
        boolean force = force(b);
        String portalId = portal.portalId();
        Actor actor = actor();
        return Panache.withTransaction(() -> desk.assign(portalId, conversationId, agentId, force, actor))
                .map(ConversationResource::dto);
    }

    /** Transfers an assigned conversation to an agent ({@code agentId}) or to a team's queue ({@code teamId}). */
    @POST
    @Path("/transfer")
    public Uni<ConversationDto> transfer(@PathParam("conversationId") String conversationId, TargetBody body) {
        TargetBody b = Validate.body(body);
        if ((b.agentId() == null) == (b.teamId() == null)) {
            throw ProblemException.badRequest("agentId", "give exactly one of agentId and teamId");
        }
        String agentId = b.agentId() == null ? null : Validate.id("agentId", b.agentId());
        String teamId = b.teamId() == null ? null : Validate.id("teamId", b.teamId());
        boolean force = force(b);
        String portalId = portal.portalId();
        Actor actor = actor();
        return Panache.withTransaction(() -> desk.transfer(portalId, conversationId, agentId, teamId, force, actor))
                .map(ConversationResource::dto);
    }

    private boolean force(TargetBody b) {
        boolean force = Boolean.TRUE.equals(b.force());
        if (force && !identity.hasRole("admin")) {
            throw ProblemException.forbidden("only an admin may assign past capacity");
        }
        return force;
    }

    private Actor actor() {
        return new Actor(portal.subject(), identity.hasRole("admin"));
    }

    private static ConversationDto dto(Row r) {
        return new ConversationDto(r.id(), r.chatflowId(), r.state(), r.agentId(), r.forced(), r.position());
    }
}
