package dev.parley.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consent.identity.VisitorTokenVerifier;
import io.vertx.mutiny.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier against a JWKS served over real HTTP ({@link VisitorKeys}, the stand-in for conversation-service):
 * ES256 tokens, and RS256 tokens from before the switch, verify; every forged, expired or misused token does not.
 */
class VisitorTokenVerifierTest {

    private static VisitorKeys keys;
    private static Vertx vertx;
    private static VisitorTokenVerifier verifier;

    @BeforeAll
    static void start() {
        keys = new VisitorKeys();
        String jwksUrl = keys.start().get("parley.visitor-token.jwks-url");
        vertx = Vertx.vertx();
        verifier = new VisitorTokenVerifier(vertx, jwksUrl, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
        keys.stop();
    }

    @Test
    void es256TokensAndRs256TokensFromBeforeTheSwitchVerify() {
        assertThat(verify(VisitorKeys.visitor("demo", "v-1", "ada@example.com")))
                .contains(new VisitorTokenVerifier.Visitor("demo", "v-1", "ada@example.com"));
        JwtClaims old = VisitorKeys.claims("other", "v-2", 600);
        old.setIssuedAtToNow();
        String oldToken = VisitorKeys.sign(old, VisitorKeys.legacy.getPrivateKey(), VisitorKeys.RS256,
                VisitorKeys.legacy.getKeyId());
        assertThat(verify(oldToken)).contains(new VisitorTokenVerifier.Visitor("other", "v-2", null));
    }

    @Test
    void forgedExpiredAndMisusedTokensAreRefused() {
        Key own = VisitorKeys.key.getPrivateKey();
        String kid = VisitorKeys.key.getKeyId();
        String[] parts = VisitorKeys.visitor("demo", "v-1", null).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherPortal = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"demo\"", "\"evil\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(verify(otherPortal)).as("portal changed after signing").isEmpty();
        assertThat(verify(parts[0] + "." + parts[1] + "." + "A".repeat(86))).as("all-zero signature").isEmpty();
        assertThat(verify(VisitorKeys.forged("demo", "v-1"))).as("another key under the published kid").isEmpty();
        assertThat(verify(VisitorKeys.sign(VisitorKeys.claims("demo", "v-1", -120), own, VisitorKeys.ES256, kid)))
                .as("expired").isEmpty();
        assertThat(verify(VisitorKeys.sign(VisitorKeys.claims("demo", "v-1", 600), null, "none", kid)))
                .as("alg none").isEmpty();
        Key publicAsSecret = new HmacKey(VisitorKeys.key.getPublicKey().getEncoded());
        assertThat(verify(VisitorKeys.sign(VisitorKeys.claims("demo", "v-1", 600), publicAsSecret, "HS256", kid)))
                .as("HS256 keyed with the public key").isEmpty();
        assertThat(verify(VisitorKeys.sign(VisitorKeys.claims("demo", "v-1", 600), own, VisitorKeys.ES256,
                VisitorKeys.legacy.getKeyId()))).as("ES256 under the RSA key's kid").isEmpty();
        assertThat(verify(VisitorKeys.sign(VisitorKeys.claims("demo", "v-1", 600), own, VisitorKeys.ES256,
                "unknown"))).as("unknown kid").isEmpty();

        JwtClaims otherIssuer = VisitorKeys.claims("demo", "v-1", 600);
        otherIssuer.setIssuer("someone-else");
        assertThat(verify(VisitorKeys.sign(otherIssuer, own, VisitorKeys.ES256, kid))).as("issuer").isEmpty();
        JwtClaims identification = VisitorKeys.claims("demo", "v-1", 600);
        identification.setClaim("typ", "identification");
        assertThat(verify(VisitorKeys.sign(identification, own, VisitorKeys.ES256, kid)))
                .as("identification token").isEmpty();
        JwtClaims noPortal = VisitorKeys.claims("demo", "v-1", 600);
        noPortal.unsetClaim("portal_id");
        assertThat(verify(VisitorKeys.sign(noPortal, own, VisitorKeys.ES256, kid))).as("no portal").isEmpty();
        assertThat(verify(null)).isEmpty();
        assertThat(verify("not.a.token")).isEmpty();
    }

    private static Optional<VisitorTokenVerifier.Visitor> verify(String token) {
        return verifier.verify(token).await().atMost(Duration.ofSeconds(10));
    }
}
