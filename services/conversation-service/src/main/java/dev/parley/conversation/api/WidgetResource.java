package dev.parley.conversation.api;

import dev.parley.conversation.identity.SigningKeys;
import dev.parley.conversation.identity.VisitorTokens;
import dev.parley.conversation.identity.VisitorTokens.Identity;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.ChatflowCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Public widget endpoints: start a session (visitor token), refresh it, and the JWKS that verifies visitor tokens.
 * A session started with a valid identification token gets a visitor id derived from (portal, email), so that
 * signed identity — and only it — finds the contact's earlier conversations.
 */
@Path("/api/v1/widget")
public class WidgetResource {

    public record SessionRequest(String portalId, String chatflowId, String identificationToken) {
    }

    public record RefreshRequest(String token) {
    }

    public record Session(String visitorId, String token, Instant expiresAt) {
    }

    private final VisitorTokens tokens;
    private final SigningKeys keys;
    private final ChatflowCatalog catalog;

    public WidgetResource(VisitorTokens tokens, SigningKeys keys, ChatflowCatalog catalog) {
        this.tokens = tokens;
        this.keys = keys;
        this.catalog = catalog;
    }

    @POST
    @Path("/sessions")
    public Uni<Session> start(SessionRequest request) {
        if (request == null || blank(request.portalId()) || request.portalId().length() > 100) {
            throw ProblemException.badRequest("portalId", "portalId is required");
        }
        if (blank(request.chatflowId()) || request.chatflowId().length() > 100) {
            throw ProblemException.badRequest("chatflowId", "chatflowId is required");
        }
        Identity identity = null;
        if (request.identificationToken() != null) {
            identity = tokens.verifyIdentification(request.identificationToken())
                    .filter(i -> i.portalId().equals(request.portalId()))
                    .orElseThrow(() -> ProblemException.badRequest("identificationToken",
                            "not a valid identification token of this portal"));
        }
        Identity known = identity;
        return catalog.latest(request.portalId(), request.chatflowId()).map(entry -> {
            if (entry.isEmpty() || entry.get().deleted()) {
                throw ProblemException.notFound("no chatflow " + request.chatflowId() + " in this portal");
            }
            String visitorId = known == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes((request.portalId() + "\n" + known.email().toLowerCase())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            VisitorTokens.Issued issued = tokens.issueVisitor(request.portalId(), visitorId, known);
            return new Session(visitorId, issued.token(), issued.expiresAt());
        });
    }

    /** A still-valid visitor token buys a fresh one for the same visitor (and the same proven identity). */
    @POST
    @Path("/sessions/refresh")
    public Session refresh(RefreshRequest request) {
        var visitor = tokens.verifyVisitor(request == null ? null : request.token())
                .orElseThrow(() -> ProblemException.badRequest("token", "not a valid visitor token"));
        Identity identity = visitor.contactEmail() == null ? null
                : new Identity(visitor.portalId(), visitor.contactEmail(), visitor.firstName(), visitor.lastName());
        VisitorTokens.Issued issued = tokens.issueVisitor(visitor.portalId(), visitor.visitorId(), identity);
        return new Session(visitor.visitorId(), issued.token(), issued.expiresAt());
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return keys.jwks();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
