package dev.parley.kit.security;

import dev.parley.kit.api.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's portal (tenant), always taken from the verified token's {@code portal_id} claim — never from the
 * request — so an agent of one portal cannot name another portal's data.
 */
@RequestScoped
public class PortalContext {

    public static final String CLAIM = "portal_id";

    @Inject
    JsonWebToken token;

    public String portalId() {
        Object claim = token.getClaim(CLAIM);
        String portalId = claim == null ? null : claim.toString();
        if (portalId == null || portalId.isBlank()) {
            throw ProblemException.forbidden("the token carries no portal_id claim");
        }
        return portalId;
    }

    /** The caller's stable id (the token subject). */
    public String subject() {
        return token.getSubject();
    }

    public String displayName() {
        String name = token.getClaim("name");
        return name != null ? name : token.getName();
    }
}
