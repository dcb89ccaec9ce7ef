package dev.parley.consent;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Stands in for conversation-service's key endpoint: an RS256 key whose public half is served as JWKS over real
 * HTTP, and visitor tokens signed with it in conversation-service's shape. consent-service fetches and verifies for
 * real; {@link #forged} signs with a key the JWKS does not publish under the same key id.
 */
public class VisitorKeys implements QuarkusTestResourceLifecycleManager {

    private static RsaJsonWebKey key;
    private static RsaJsonWebKey stranger;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = generate("visitor-key-1");
            stranger = generate("visitor-key-1");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/widget/jwks", exchange -> {
                byte[] body = ("{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        } catch (IOException | org.jose4j.lang.JoseException e) {
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
        return sign(key, portalId, visitorId, email);
    }

    static String forged(String portalId, String visitorId) {
        return sign(stranger, portalId, visitorId, null);
    }

    private static String sign(RsaJsonWebKey with, String portalId, String visitorId, String email) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("parley-conversation-service");
        claims.setSubject(visitorId);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setClaim("typ", "visitor");
        claims.setClaim("portal_id", portalId);
        if (email != null) {
            claims.setClaim("email", email);
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(with.getPrivateKey());
            jws.setKeyIdHeaderValue(with.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey generate(String kid) throws org.jose4j.lang.JoseException {
        RsaJsonWebKey generated = RsaJwkGenerator.generateJwk(2048);
        generated.setKeyId(kid);
        generated.setAlgorithm("RS256");
        return generated;
    }
}
