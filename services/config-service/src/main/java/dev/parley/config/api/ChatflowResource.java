package dev.parley.config.api;

import dev.parley.config.service.ChatflowService;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

@Path("/api/v1/chatflows")
@RolesAllowed("admin")
public class ChatflowResource {

    private final ChatflowService chatflows;
    private final PortalContext caller;

    public ChatflowResource(ChatflowService chatflows, PortalContext caller) {
        this.chatflows = chatflows;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull ChatflowRequest request) {
        return chatflows.create(caller.portalId(), request).map(ChatflowView::of)
                .map(v -> Response.created(URI.create("/api/v1/chatflows/" + v.id())).entity(v).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ChatflowView> get(@PathParam("id") UUID id) {
        return chatflows.get(caller.portalId(), id).map(ChatflowView::of);
    }

    /** Publishes the draft as a new immutable version and announces it (ChatflowPublished). */
    @POST
    @Path("/{id}/publish")
    public Uni<ChatflowView> publish(@PathParam("id") UUID id) {
        return chatflows.publish(caller.portalId(), id).map(ChatflowView::of);
    }
}
