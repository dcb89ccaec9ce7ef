package dev.parley.consent.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;

/**
 * Verifies conversation-service's visitor tokens against its published JWKS: ES256 (P-256), and RS256 for tokens
 * issued before conversation-service switched to ES256 while their RSA key is still published. The key is chosen by
 * the token's {@code kid} and must be of the type its algorithm needs (EC P-256 for ES256, RSA for RS256); no other
 * algorithm ({@code none}, HMAC …) is accepted. The key set is fetched on
 * first use and again when a token names a key id it does not hold (a rotation), at most once per
 * {@code refresh-interval}, so a stream of tokens with made-up key ids cannot turn into a stream of fetches.
 */
@ApplicationScoped
public class VisitorTokenVerifier {

    /** The same issuer and token type conversation-service writes (VisitorTokens). */
    static final String ISSUER = "parley-conversation-service";
    private static final Logger LOG = Logger.getLogger(VisitorTokenVerifier.class);

    /** A verified visitor token: the portal and visitor, and the contact's email for a signed identity. */
    public record Visitor(String portalId, String visitorId, String email) {
    }

    private final WebClient client;
    private final String jwksUrl;
    private final long refreshMillis;
    private final AtomicLong lastFetch = new AtomicLong();
    private volatile List<JsonWebKey> keys = List.of();

    public VisitorTokenVerifier(Vertx vertx,
                                @ConfigProperty(name = "parley.visitor-token.jwks-url") String jwksUrl,
                                @ConfigProperty(name = "parley.visitor-token.refresh-interval",
                                        defaultValue = "PT10S") Duration refresh) {
        this.client = WebClient.create(vertx);
        this.jwksUrl = jwksUrl;
        this.refreshMillis = refresh.toMillis();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Optional<Visitor>> verify(String token) {
        Optional<String> kid = keyId(token);
        if (kid.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (holds(kid.get())) {
            return Uni.createFrom().item(check(token));
        }
        return refresh().map(ignored -> holds(kid.get()) ? check(token) : Optional.<Visitor>empty());
    }

    private boolean holds(String kid) {
        return keys.stream().anyMatch(k -> kid.equals(k.getKeyId()));
    }

    private Uni<Void> refresh() {
        long now = System.currentTimeMillis();
        long last = lastFetch.get();
        if (now - last < refreshMillis || !lastFetch.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        return client.getAbs(jwksUrl).timeout(5_000).send()
                .invoke(response -> {
                    try {
                        keys = List.copyOf(new JsonWebKeySet(response.bodyAsString()).getJsonWebKeys());
                    } catch (Exception e) {
                        LOG.warnf("JWKS at %s is unreadable (HTTP %d)", jwksUrl, response.statusCode());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("JWKS at %s is unreachable: %s", jwksUrl, e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Optional<Visitor> check(String token) {
        try {
            JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject()
                    .setExpectedIssuer(ISSUER)
                    .setVerificationKeyResolver(new org.jose4j.keys.resolvers.JwksVerificationKeyResolver(keys))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build();
            JwtClaims claims = consumer.processToClaims(token);
            Object portal = claims.getClaimValue("portal_id");
            if (!"visitor".equals(claims.getClaimValue("typ")) || portal == null) {
                return Optional.empty();
            }
            Object email = claims.getClaimValue("email");
            return Optional.of(new Visitor(portal.toString(), claims.getSubject(),
                    email == null ? null : email.toString()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> keyId(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
