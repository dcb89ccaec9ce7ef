package dev.parley.config.api;

import dev.parley.config.service.InboxService;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Inboxes and help desks of the caller's portal. */
@Path("/api/v1/inboxes")
@RolesAllowed("admin")
public class InboxResource {

    private final InboxService inboxes;
    private final PortalContext caller;

    public InboxResource(InboxService inboxes, PortalContext caller) {
        this.inboxes = inboxes;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull InboxRequest request) {
        return inboxes.create(caller.portalId(), UUID.randomUUID(), request).map(InboxView::of)
                .map(v -> Response.created(URI.create("/api/v1/inboxes/" + v.id())).entity(v).build());
    }

    @GET
    public Uni<List<InboxView>> list() {
        return inboxes.list(caller.portalId()).map(all -> all.stream().map(InboxView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<InboxView> get(@PathParam("id") UUID id) {
        return inboxes.get(caller.portalId(), id).map(InboxView::of);
    }

    @PUT
    @Path("/{id}")
    public Uni<InboxView> update(@PathParam("id") UUID id, @Valid @NotNull InboxRequest request) {
        return inboxes.update(caller.portalId(), id, request).map(InboxView::of);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return inboxes.delete(caller.portalId(), id).replaceWith(Response.noContent().build());
    }
}
