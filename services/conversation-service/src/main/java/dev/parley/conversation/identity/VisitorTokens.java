package dev.parley.conversation.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Visitor tokens (who the widget is: portal + visitor id, and the contact when a signed identification token proved
 * it) and identification tokens (what a business's backend asserts about a known contact). Both are ES256 JWTs
 * signed with {@link SigningKeys}; the {@code typ} claim keeps one from being used as the other. A token verifies
 * with the stored key its {@code kid} names and only with that key's own algorithm (ES256 for P-256 keys, RS256 for
 * the RSA keys of tokens issued before the switch), so a header cannot pick the algorithm ({@code none}, HS256 …).
 *
 * <p>The claims are the ones verification and the socket need and nothing else (the visitor token travels in the
 * socket's URL and the HTTP stack keeps copies of it per socket): {@code iss}, {@code sub}, {@code exp}, {@code typ},
 * {@code portal_id}, and the proven contact's {@code email}/{@code given_name}/{@code family_name}; no {@code iat}.
 */
@ApplicationScoped
public class VisitorTokens {

    public static final String ISSUER = "parley-conversation-service";
    private static final String VISITOR = "visitor";
    private static final String IDENTIFICATION = "identification";

    /** A verified visitor token. {@code contactEmail} is non-null only for a signed identity. */
    public record Visitor(String portalId, String visitorId, String contactEmail, String firstName,
                          String lastName, Instant expiresAt) {
    }

    /** A verified identification token. */
    public record Identity(String portalId, String email, String firstName, String lastName) {
    }

    public record Issued(String token, Instant expiresAt) {
    }

    private final SigningKeys keys;
    private final Duration visitorTtl;
    private final Duration identificationTtl;

    public VisitorTokens(SigningKeys keys,
                         @ConfigProperty(name = "parley.visitor-token.ttl", defaultValue = "PT1H") Duration visitorTtl,
                         @ConfigProperty(name = "parley.identification-token.ttl", defaultValue = "PT12H")
                         Duration identificationTtl) {
        this.keys = keys;
        this.visitorTtl = visitorTtl;
        this.identificationTtl = identificationTtl;
    }

    public Issued issueVisitor(String portalId, String visitorId, Identity identity) {
        JwtClaims claims = claims(VISITOR, portalId, visitorId, visitorTtl);
        if (identity != null) {
            claims.setClaim("email", identity.email());
            claims.setClaim("given_name", identity.firstName());
            claims.setClaim("family_name", identity.lastName());
        }
        return sign(claims, visitorTtl);
    }

    public Issued issueIdentification(String portalId, String email, String firstName, String lastName) {
        JwtClaims claims = claims(IDENTIFICATION, portalId, email, identificationTtl);
        claims.setClaim("email", email);
        claims.setClaim("given_name", firstName);
        claims.setClaim("family_name", lastName);
        return sign(claims, identificationTtl);
    }

    public Optional<Visitor> verifyVisitor(String token) {
        return verify(token, VISITOR).map(c -> new Visitor(str(c, "portal_id"), str(c, "sub"), str(c, "email"),
                str(c, "given_name"), str(c, "family_name"), expiry(c)));
    }

    public Optional<Identity> verifyIdentification(String token) {
        return verify(token, IDENTIFICATION).map(c -> new Identity(str(c, "portal_id"), str(c, "email"),
                str(c, "given_name"), str(c, "family_name")));
    }

    private static JwtClaims claims(String type, String portalId, String subject, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + ttl.toSeconds()));
        claims.setClaim("typ", type);
        claims.setClaim("portal_id", portalId);
        return claims;
    }

    private Issued sign(JwtClaims claims, Duration ttl) {
        try {
            PublicJsonWebKey key = keys.signing();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(SigningKeys.ES256);
            return new Issued(jws.getCompactSerialization(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private Optional<JwtClaims> verify(String token, String type) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            JsonWebStructure header = JsonWebStructure.fromCompactSerialization(token);
            PublicJsonWebKey key = keys.verifying(header.getKeyIdHeaderValue());
            String algorithm = key == null ? null : SigningKeys.algorithm(key);
            if (algorithm == null) {
                return Optional.empty();
            }
            JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject()
                    .setExpectedIssuer(ISSUER).setVerificationKey(key.getPublicKey())
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                    .build();
            JwtClaims claims = consumer.processToClaims(token);
            return type.equals(claims.getClaimValue("typ")) && claims.getClaimValue("portal_id") != null
                    ? Optional.of(claims) : Optional.empty();
        } catch (InvalidJwtException | JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String str(JwtClaims c, String name) {
        Object value = c.getClaimValue(name);
        return value == null ? null : value.toString();
    }

    private static Instant expiry(JwtClaims c) {
        try {
            return Instant.ofEpochSecond(c.getExpirationTime().getValue());
        } catch (Exception e) {
            return Instant.EPOCH;
        }
    }
}
