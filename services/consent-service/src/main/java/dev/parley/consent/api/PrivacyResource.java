package dev.parley.consent.api;

import dev.parley.consent.privacy.PrivacyRequests;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Privacy requests of the caller's portal: erase or export a subject everywhere, and follow each service. */
@Path("/api/v1/privacy/requests")
@RolesAllowed("admin")
public class PrivacyResource {

    public record RequestBody(String kind, String subject) {
    }

    public record Accepted(String id, String kind, String subject) {
    }

    private final PrivacyRequests requests;
    private final PortalContext portal;

    public PrivacyResource(PrivacyRequests requests, PortalContext portal) {
        this.requests = requests;
        this.portal = portal;
    }

    @POST
    public Uni<Response> create(RequestBody body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON body is required");
        }
        PrivacyRequests.Kind kind;
        try {
            kind = PrivacyRequests.Kind.valueOf(body.kind() == null ? "" : body.kind());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind", "kind must be ERASURE or EXPORT");
        }
        var subject = Subject.parse(body.subject());
        return requests.request(portal.portalId(), kind, subject, portal.subject())
                .map(id -> Response.accepted(new Accepted(id, kind.name(),
                                subject.isEmail() ? subject.email() : subject.visitorId()))
                        .header("Location", "/api/v1/privacy/requests/" + id).build());
    }

    @GET
    @Path("/{id}")
    public Uni<PrivacyRequests.View> view(@PathParam("id") String id) {
        UUID requestId;
        try {
            requestId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("privacy request");
        }
        return requests.view(portal.portalId(), requestId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("privacy request " + requestId)));
    }
}
