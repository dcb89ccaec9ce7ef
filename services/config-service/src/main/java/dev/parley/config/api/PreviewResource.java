package dev.parley.config.api;

import dev.parley.config.domain.Availability;
import dev.parley.config.domain.CompiledChatflow;
import dev.parley.config.domain.PageContext;
import dev.parley.config.domain.PublicConfig;
import dev.parley.config.domain.Visitor;
import dev.parley.config.service.ChatflowService;
import dev.parley.config.view.ResolutionView;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What a visitor would get from the current DRAFT, for a chosen device and page, before publishing: whether the
 * targeting matches and the public answer (with the availability state as of now).
 */
@Path("/api/v1/chatflows/{id}/preview")
@RolesAllowed("admin")
public class PreviewResource {

    public record Preview(boolean matches, String device, PublicConfig config) {
    }

    private final ChatflowService chatflows;
    private final ResolutionView view;
    private final PortalContext caller;
    private final Clock clock;

    public PreviewResource(ChatflowService chatflows, ResolutionView view, PortalContext caller, Clock clock) {
        this.chatflows = chatflows;
        this.view = view;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    public Uni<Preview> preview(@PathParam("id") UUID id, @QueryParam("device") String device,
                                @QueryParam("url") String url) {
        String dev = PublicResource.device(device);
        return chatflows.draft(caller.portalId(), id).map(d -> {
            var c = d.chatflow();
            CompiledChatflow compiled = CompiledChatflow.compile(c.id.toString(), c.portalId, c.publishedVersion,
                    c.kind, c.enabled, c.priority, c.createdAt, d.effective(), ZoneId.of(d.portal().timeZone));
            boolean matches = "MOBILE".equals(c.kind)
                    || compiled.targeting().matches(PageContext.of(url, dev), Visitor.ANONYMOUS);
            Availability.View availability = compiled.availability(view.routingState(c.id.toString()),
                    clock.instant());
            var appearance = new PublicConfig.Appearance(d.portal().accentColor, d.portal().widgetPosition);
            return new Preview(matches, dev, PublicConfig.of(compiled, availability, appearance, dev));
        });
    }
}
