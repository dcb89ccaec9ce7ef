package dev.parley.kit.api;

import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.kit.messaging.ChatflowCatalog;
import dev.parley.kit.security.PortalContext;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Which published version of a chatflow this service holds: lets an operator (or a test) see that a publish in
 * config-service reached this service through Kafka.
 */
@Path("/api/v1/catalog/chatflows")
@RolesAllowed({"agent", "admin"})
@IfBuildProperty(name = "parley.catalog.enabled", stringValue = "true")
public class ChatflowCatalogResource {

    public record View(String chatflowId, int version, String kind, boolean deleted, ChatflowSnapshot snapshot) {
    }

    private final ChatflowCatalog catalog;
    private final PortalContext caller;

    public ChatflowCatalogResource(ChatflowCatalog catalog, PortalContext caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    public Uni<View> latest(@PathParam("id") String chatflowId) {
        return catalog.latest(caller.portalId(), chatflowId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("chatflow " + chatflowId)))
                .map(e -> new View(e.chatflowId(), e.version(), e.kind(), e.deleted(), e.snapshot()));
    }
}
