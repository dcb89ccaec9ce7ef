package dev.parley.survey.api;

import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import dev.parley.survey.service.Reports;
import dev.parley.survey.service.Reports.Answer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * The answers of one conversation, for agents: the inbox shows them in the thread when it is opened after the live
 * {@code surveyAnswer} frame went by. Another portal's conversation has no answers here.
 */
@Path("/api/v1/surveys/responses")
@RolesAllowed({"agent", "admin"})
public class ResponseResource {

    private final Reports reports;
    private final PortalContext caller;

    public ResponseResource(Reports reports, PortalContext caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    public Uni<List<Answer>> ofConversation(@QueryParam("conversationId") String conversationId) {
        if (conversationId == null || conversationId.isBlank() || conversationId.length() > 64) {
            throw ProblemException.badRequest("conversationId", "a conversation id is required");
        }
        return reports.ofConversation(caller.portalId(), conversationId);
    }
}
