package dev.parley.infra.test;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;

/**
 * Access tokens for component tests, shaped like Keycloak's (roles in {@code realm_access.roles}, the tenant in
 * {@code portal_id}) and signed with the key that {@code OidcWiremockTestResource} publishes.
 */
public final class TestTokens {

    private static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    public static String token(String user, String portalId, String... roles) {
        var claims = Jwt.preferredUserName(user)
                .subject(user)
                .issuer(ISSUER)
                .audience("https://service.example.com")
                .claim("name", user)
                .claim("realm_access", Map.of("roles", List.of(roles)));
        if (portalId != null) {
            claims.claim("portal_id", portalId);
        }
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    public static String agent(String user, String portalId) {
        return token(user, portalId, "agent");
    }

    public static String admin(String user, String portalId) {
        return token(user, portalId, "admin", "agent");
    }
}
