package dev.parley.config.api;

import dev.parley.config.service.PortalService;
import dev.parley.config.view.ResolutionView;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The caller's own portal; the portal comes from the token, so no other portal can be named. */
@Path("/api/v1/portal")
@RolesAllowed({"agent", "admin"})
public class PortalResource {

    /** The markup an external site pastes before {@code </body>}; the loader script asks for its widget config. */
    public record TrackingCode(String portalId, String scriptUrl, String snippet) {
    }

    private final PortalService portals;
    private final ResolutionView view;
    private final PortalContext caller;
    private final String scriptUrl;

    public PortalResource(PortalService portals, ResolutionView view, PortalContext caller,
                          @ConfigProperty(name = "parley.widget.script-url") String scriptUrl) {
        this.portals = portals;
        this.view = view;
        this.caller = caller;
        this.scriptUrl = scriptUrl;
    }

    @GET
    public Uni<PortalView> current() {
        return portals.get(caller.portalId()).map(PortalView::of);
    }

    /** Name and time zone; a new time zone moves every business-hours chatflow of the portal at once. */
    @PATCH
    @RolesAllowed("admin")
    public Uni<PortalView> update(@Valid @NotNull PortalRequests.Settings request) {
        String portalId = caller.portalId();
        return portals.update(portalId, request).map(PortalView::of).call(() -> view.refresh(portalId));
    }

    @PUT
    @Path("/widget-appearance")
    @RolesAllowed("admin")
    public Uni<PortalView> appearance(@Valid @NotNull PortalRequests.Appearance request) {
        String portalId = caller.portalId();
        return portals.appearance(portalId, request).map(PortalView::of).call(() -> view.refresh(portalId));
    }

    @PUT
    @Path("/knowledge-base")
    @RolesAllowed("admin")
    public Uni<PortalView> knowledgeBase(@Valid @NotNull PortalRequests.KnowledgeBase request) {
        return portals.knowledgeBase(caller.portalId(), request).map(PortalView::of);
    }

    @GET
    @Path("/tracking-code")
    public TrackingCode trackingCode() {
        String portalId = caller.portalId();
        String src = scriptUrl + "?portalId=" + java.net.URLEncoder.encode(portalId,
                java.nio.charset.StandardCharsets.UTF_8);
        String snippet = "<!-- Parley chat widget -->\n<script type=\"text/javascript\" id=\"parley-loader\" async defer"
                + " src=\"" + src.replace("&", "&amp;").replace("\"", "&quot;") + "\"></script>";
        return new TrackingCode(portalId, src, snippet);
    }
}
