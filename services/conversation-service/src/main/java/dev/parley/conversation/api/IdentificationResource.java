package dev.parley.conversation.api;

import dev.parley.conversation.identity.VisitorTokens;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.regex.Pattern;

/** HubSpot-style Visitor Identification API: a business's backend (role integration) vouches for a contact. */
@Path("/api/v1/visitor-identification/tokens")
public class IdentificationResource {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}$");

    public record TokenRequest(String email, String firstName, String lastName) {
    }

    public record TokenResponse(String token, Instant expiresAt) {
    }

    private final VisitorTokens tokens;
    private final PortalContext portal;

    public IdentificationResource(VisitorTokens tokens, PortalContext portal) {
        this.tokens = tokens;
        this.portal = portal;
    }

    @POST
    @RolesAllowed("integration")
    public TokenResponse mint(TokenRequest request) {
        if (request == null || request.email() == null || !EMAIL.matcher(request.email()).matches()) {
            throw ProblemException.badRequest("email", "a valid email is required");
        }
        if (request.firstName() != null && request.firstName().length() > 200) {
            throw ProblemException.badRequest("firstName", "at most 200 characters");
        }
        if (request.lastName() != null && request.lastName().length() > 200) {
            throw ProblemException.badRequest("lastName", "at most 200 characters");
        }
        var issued = tokens.issueIdentification(portal.portalId(), request.email(), request.firstName(),
                request.lastName());
        return new TokenResponse(issued.token(), issued.expiresAt());
    }
}
