package dev.parley.survey.api;

import dev.parley.kit.security.PortalContext;
import dev.parley.survey.domain.SurveyDefinition;
import dev.parley.survey.service.SurveyService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Surveys of the caller's portal (the portal is the token's; another portal's survey is 404). */
@Path("/api/v1/surveys")
@RolesAllowed("admin")
public class SurveyResource {

    private final SurveyService surveys;
    private final PortalContext caller;

    public SurveyResource(SurveyService surveys, PortalContext caller) {
        this.surveys = surveys;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(SurveyDefinition request) {
        return surveys.create(caller.portalId(), UUID.randomUUID(), request).map(SurveyView::of)
                .map(v -> Response.created(URI.create("/api/v1/surveys/" + v.id())).entity(v).build());
    }

    @GET
    public Uni<List<SurveyView>> list(@QueryParam("includeArchived") boolean includeArchived) {
        return surveys.list(caller.portalId(), includeArchived)
                .map(all -> all.stream().map(SurveyView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<SurveyView> get(@PathParam("id") UUID id) {
        return surveys.get(caller.portalId(), id).map(SurveyView::of);
    }

    @PUT
    @Path("/{id}")
    public Uni<SurveyView> update(@PathParam("id") UUID id, SurveyDefinition request) {
        return surveys.update(caller.portalId(), id, request).map(SurveyView::of);
    }

    @POST
    @Path("/{id}/archive")
    public Uni<SurveyView> archive(@PathParam("id") UUID id) {
        return surveys.archive(caller.portalId(), id).map(SurveyView::of);
    }
}
