package dev.parley.consent;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Stands in for conversation-service's key endpoint: an ES256 (P-256) key that signs, plus an RS256 key from before
 * conversation-service's switch to ES256 that still verifies, both served as JWKS over real HTTP; visitor tokens in
 * conversation-service's shape. consent-service fetches and verifies for real; {@link #forged} signs with a key the
 * JWKS does not publish under the signing key's id.
 */
public class VisitorKeys implements QuarkusTestResourceLifecycleManager {

    static final String ES256 = "ES256";
    static final String RS256 = "RS256";

    static EllipticCurveJsonWebKey key;
    static RsaJsonWebKey legacy;
    static EllipticCurveJsonWebKey stranger;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = ec("Yk3r9Qf0aZ1x");
            legacy = RsaJwkGenerator.generateJwk(2048);
            legacy.setKeyId("visitor-key-rs256");
            legacy.setAlgorithm(RS256);
            stranger = ec(key.getKeyId());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/widget/jwks", exchange -> {
                byte[] body = ("{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + ","
                        + legacy.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("parley.visitor-token.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/widget/jwks");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static String visitor(String portalId, String visitorId, String email) {
        JwtClaims claims = claims(portalId, visitorId, 600);
        if (email != null) {
            claims.setClaim("email", email);
        }
        return sign(claims, key.getPrivateKey(), ES256, key.getKeyId());
    }

    static String forged(String portalId, String visitorId) {
        return sign(claims(portalId, visitorId, 600), stranger.getPrivateKey(), ES256, key.getKeyId());
    }

    /** The claims conversation-service writes into a visitor token ({@code exp} this many seconds from now). */
    static JwtClaims claims(String portalId, String visitorId, long secondsLeft) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("parley-conversation-service");
        claims.setSubject(visitorId);
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + secondsLeft));
        claims.setClaim("typ", "visitor");
        claims.setClaim("portal_id", portalId);
        return claims;
    }

    /** Any compact JWS, with no check on the algorithm (so tests can write {@code none} and HMAC tokens too). */
    static String sign(JwtClaims claims, Key with, String algorithm, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setPayload(claims.toJson());
            jws.setKey(with);
            jws.setKeyIdHeaderValue(kid);
            jws.setAlgorithmHeaderValue(algorithm);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey ec(String kid) throws JoseException {
        EllipticCurveJsonWebKey generated = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        generated.setKeyId(kid);
        generated.setAlgorithm(ES256);
        generated.setUse("sig");
        return generated;
    }
}
