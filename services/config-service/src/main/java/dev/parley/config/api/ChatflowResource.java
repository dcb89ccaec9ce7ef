package dev.parley.config.api;

import dev.parley.config.service.ChatflowService;
import dev.parley.config.view.ResolutionView;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Chatflows of the caller's portal. Drafts are private to admins until published; enabled and priority are live.
 * After every committed change the public resolution view of the portal is refreshed.
 */
@Path("/api/v1/chatflows")
@RolesAllowed("admin")
public class ChatflowResource {

    private final ChatflowService chatflows;
    private final ResolutionView view;
    private final PortalContext caller;

    public ChatflowResource(ChatflowService chatflows, ResolutionView view, PortalContext caller) {
        this.chatflows = chatflows;
        this.view = view;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull ChatflowRequest request) {
        return chatflows.create(caller.portalId(), UUID.randomUUID(), request).map(ChatflowView::of)
                .map(v -> Response.created(URI.create("/api/v1/chatflows/" + v.id())).entity(v).build());
    }

    @GET
    public Uni<List<ChatflowView>> list() {
        return chatflows.list(caller.portalId()).map(all -> all.stream().map(ChatflowView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<ChatflowView> get(@PathParam("id") UUID id) {
        return chatflows.get(caller.portalId(), id).map(ChatflowView::of);
    }

    @PUT
    @Path("/{id}")
    public Uni<ChatflowView> update(@PathParam("id") UUID id, @Valid @NotNull ChatflowRequest request) {
        String portalId = caller.portalId();
        return chatflows.update(portalId, id, request).map(ChatflowView::of).call(() -> view.refresh(portalId));
    }

    /** Enable/disable or re-prioritise; visitors see the effect at once. */
    @PATCH
    @Path("/{id}")
    public Uni<ChatflowView> patch(@PathParam("id") UUID id, @Valid @NotNull ChatflowPatch patch) {
        String portalId = caller.portalId();
        return chatflows.patch(portalId, id, patch).map(ChatflowView::of).call(() -> view.refresh(portalId));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        String portalId = caller.portalId();
        return chatflows.delete(portalId, id).call(() -> view.refresh(portalId))
                .replaceWith(Response.noContent().build());
    }

    /** Publishes the draft as a new immutable version and announces it (ChatflowPublished). */
    @POST
    @Path("/{id}/publish")
    public Uni<ChatflowView> publish(@PathParam("id") UUID id) {
        String portalId = caller.portalId();
        return chatflows.publish(portalId, id).map(ChatflowView::of).call(() -> view.refresh(portalId));
    }

    @GET
    @Path("/{id}/versions")
    public Uni<List<VersionView>> versions(@PathParam("id") UUID id) {
        return chatflows.versions(caller.portalId(), id)
                .map(all -> all.stream().map(VersionView::summary).toList());
    }

    @GET
    @Path("/{id}/versions/{version}")
    public Uni<VersionView> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return chatflows.version(caller.portalId(), id, version).map(VersionView::full);
    }
}
