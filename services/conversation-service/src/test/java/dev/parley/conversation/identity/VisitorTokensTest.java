package dev.parley.conversation.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * Visitor and identification tokens against the real signing_key table: ES256 and short, RS256 rows from before the
 * switch still verifying, one ES256 key however many instances start at once, and every forgery refused.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class VisitorTokensTest {

    @Inject
    VisitorTokens tokens;

    @Inject
    SigningKeys keys;

    @Inject
    Pool pool;

    @Test
    void newTokensAreShortEs256JwtsWithOnlyTheClaimsVerificationNeeds() throws Exception {
        String visitor = UUID.randomUUID().toString();
        VisitorTokens.Issued issued = tokens.issueVisitor("demo", visitor, null);
        String[] parts = issued.token().split("\\.");

        assertThat(json(parts[0])).isEqualTo(Map.of("alg", "ES256", "kid", keys.signing().getKeyId()));
        Map<String, Object> claims = json(parts[1]);
        assertThat(claims).containsOnlyKeys("iss", "sub", "exp", "typ", "portal_id")
                .containsEntry("iss", VisitorTokens.ISSUER).containsEntry("sub", visitor)
                .containsEntry("typ", "visitor").containsEntry("portal_id", "demo");
        assertThat(parts[2]).hasSize(86);
        // Measured for the docs: a UUID visitor id in portal "demo" (before, RS256 with iat and a UUID kid: 626).
        System.out.println("visitor token length (ES256): " + issued.token().length());
        assertThat(issued.token().length()).isLessThanOrEqualTo(320);

        VisitorTokens.Visitor verified = tokens.verifyVisitor(issued.token()).orElseThrow();
        assertThat(verified.portalId()).isEqualTo("demo");
        assertThat(verified.visitorId()).isEqualTo(visitor);
        assertThat(verified.contactEmail()).isNull();
        assertThat(verified.expiresAt()).isEqualTo(issued.expiresAt())
                .isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3601));

        VisitorTokens.Issued identification = tokens.issueIdentification("demo", "ada@example.com", "Ada", "L");
        assertThat(identification.token().split("\\.")[2]).hasSize(86);
        VisitorTokens.Identity identity = tokens.verifyIdentification(identification.token()).orElseThrow();
        assertThat(identity).isEqualTo(new VisitorTokens.Identity("demo", "ada@example.com", "Ada", "L"));
        VisitorTokens.Visitor known = tokens.verifyVisitor(tokens.issueVisitor("demo", visitor, identity).token())
                .orElseThrow();
        assertThat(known.contactEmail()).isEqualTo("ada@example.com");
        assertThat(known.firstName()).isEqualTo("Ada");

        List<Map<String, Object>> published = given().get("/api/v1/widget/jwks").then().statusCode(200)
                .extract().jsonPath().getList("keys");
        assertThat(published).filteredOn(k -> keys.signing().getKeyId().equals(k.get("kid"))).singleElement()
                .satisfies(k -> assertThat(k).containsEntry("alg", "ES256").containsEntry("kty", "EC")
                        .containsEntry("crv", "P-256").containsEntry("use", "sig").doesNotContainKey("d"));
    }

    @Test
    void rs256KeysAndTokensFromBeforeTheSwitchKeepVerifyingWhileEs256Signs() throws Exception {
        String signingKid = keys.signing().getKeyId();
        RsaJsonWebKey legacy = RsaJwkGenerator.generateJwk(2048);
        legacy.setKeyId(UUID.randomUUID().toString());
        legacy.setAlgorithm("RS256");
        legacy.setUse("sig");
        pool.preparedQuery("insert into signing_key (kid, private_pem, public_jwk, created_at)"
                        + " values ($1, $2, $3, now() - interval '1 day')")
                .execute(Tuple.of(legacy.getKeyId(), Base64.getEncoder().encodeToString(
                        legacy.getPrivateKey().getEncoded()), legacy.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))
                .await().indefinitely();
        try {
            keys.reload();
            String visitor = UUID.randomUUID().toString();
            // A token in the shape conversation-service issued before the switch (RS256, iat, UUID kid).
            JwtClaims old = claims("visitor", "demo", visitor, 600);
            old.setIssuedAtToNow();
            String oldToken = sign(old, legacy.getPrivateKey(), "RS256", legacy.getKeyId());
            assertThat(oldToken.length()).isGreaterThan(600);
            assertThat(tokens.verifyVisitor(oldToken)).hasValueSatisfying(v -> {
                assertThat(v.visitorId()).isEqualTo(visitor);
                assertThat(v.portalId()).isEqualTo("demo");
            });

            assertThat(keys.signing().getKeyId()).isEqualTo(signingKid);
            assertThat(json(tokens.issueVisitor("demo", visitor, null).token().split("\\.")[0]))
                    .containsEntry("alg", "ES256").containsEntry("kid", signingKid);
            assertThat(given().get("/api/v1/widget/jwks").then().statusCode(200).extract().jsonPath()
                    .getString("keys.find { it.kid == '" + legacy.getKeyId() + "' }.alg")).isEqualTo("RS256");

            // Each key verifies only with its own algorithm: no RS256 under the EC kid, no ES256 under the RSA kid.
            assertThat(tokens.verifyVisitor(sign(old, legacy.getPrivateKey(), "RS256", signingKid))).isEmpty();
            assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", visitor, 600),
                    keys.signing().getPrivateKey(), "ES256", legacy.getKeyId()))).isEmpty();
            assertThat(tokens.verifyVisitor(sign(old, legacy.getPrivateKey(), "PS256", legacy.getKeyId())))
                    .isEmpty();
        } finally {
            pool.preparedQuery("delete from signing_key where kid = $1").execute(Tuple.of(legacy.getKeyId()))
                    .await().indefinitely();
            keys.reload();
        }
        assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", "v", 600), legacy.getPrivateKey(), "RS256",
                legacy.getKeyId()))).as("a deleted key no longer verifies").isEmpty();
    }

    @Test
    void forgedExpiredAndMisusedTokensAreRefused() throws Exception {
        String kid = keys.signing().getKeyId();
        Key own = keys.signing().getPrivateKey();
        String visitor = UUID.randomUUID().toString();
        String good = tokens.issueVisitor("demo", visitor, null).token();
        assertThat(tokens.verifyVisitor(good)).isPresent();
        String[] parts = good.split("\\.");

        String otherPortal = parts[0] + "." + encode(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("\"demo\"", "\"evil\"")) + "." + parts[2];
        assertThat(tokens.verifyVisitor(otherPortal)).as("portal changed after signing").isEmpty();
        assertThat(tokens.verifyVisitor(parts[0] + "." + parts[1] + "." + "A".repeat(86)))
                .as("all-zero signature").isEmpty();
        assertThat(tokens.verifyVisitor(parts[0] + "." + parts[1] + ".")).as("no signature").isEmpty();

        Key stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256).getPrivateKey();
        assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", visitor, 600), stranger, "ES256", kid)))
                .as("another P-256 key under our kid").isEmpty();
        assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", visitor, -120), own, "ES256", kid)))
                .as("expired").isEmpty();
        assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", visitor, 600), null, "none", kid)))
                .as("alg none").isEmpty();
        assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", visitor, 600),
                new HmacKey(keys.signing().getPublicKey().getEncoded()), "HS256", kid)))
                .as("HS256 keyed with the public key").isEmpty();
        assertThat(tokens.verifyVisitor(sign(claims("visitor", "demo", visitor, 600), own, "ES256", "unknown")))
                .as("unknown kid").isEmpty();

        JwtClaims otherIssuer = claims("visitor", "demo", visitor, 600);
        otherIssuer.setIssuer("someone-else");
        assertThat(tokens.verifyVisitor(sign(otherIssuer, own, "ES256", kid))).as("issuer").isEmpty();
        JwtClaims noExpiry = claims("visitor", "demo", visitor, 600);
        noExpiry.unsetClaim("exp");
        assertThat(tokens.verifyVisitor(sign(noExpiry, own, "ES256", kid))).as("no exp").isEmpty();
        JwtClaims noPortal = claims("visitor", "demo", visitor, 600);
        noPortal.unsetClaim("portal_id");
        assertThat(tokens.verifyVisitor(sign(noPortal, own, "ES256", kid))).as("no portal").isEmpty();

        String identification = tokens.issueIdentification("demo", "ada@example.com", null, null).token();
        assertThat(tokens.verifyVisitor(identification)).as("identification token as visitor token").isEmpty();
        assertThat(tokens.verifyIdentification(good)).as("visitor token as identification token").isEmpty();
        assertThat(tokens.verifyVisitor(null)).isEmpty();
        assertThat(tokens.verifyVisitor("not.a.token")).isEmpty();
        assertThat(tokens.verifyVisitor(good + "x".repeat(5000))).isEmpty();
    }

    @Test
    void instancesStartingTogetherStoreOneEs256Key() throws Exception {
        List<Row> saved = new ArrayList<>();
        pool.query("select kid, private_pem, public_jwk, created_at from signing_key").execute().await()
                .indefinitely().forEach(saved::add);
        pool.query("delete from signing_key").execute().await().indefinitely();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<SigningKeys>> starting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starting.add(CompletableFuture.supplyAsync(() -> {
                    SigningKeys instance = new SigningKeys(pool);
                    await(go);
                    instance.reload();
                    return instance;
                }));
            }
            go.countDown();
            List<String> kids = new ArrayList<>();
            for (CompletableFuture<SigningKeys> instance : starting) {
                kids.add(instance.get(30, TimeUnit.SECONDS).signing().getKeyId());
            }
            assertThat(pool.query("select kid from signing_key").execute().await().indefinitely().size())
                    .isEqualTo(1);
            assertThat(kids).containsOnly(kids.get(0));
            assertThat(kids.get(0)).hasSize(12);
        } finally {
            pool.query("delete from signing_key").execute().await().indefinitely();
            for (Row row : saved) {
                pool.preparedQuery("insert into signing_key (kid, private_pem, public_jwk, created_at)"
                                + " values ($1, $2, $3, $4)")
                        .execute(Tuple.of(row.getString("kid"), row.getString("private_pem"),
                                row.getString("public_jwk"), row.getValue("created_at")))
                        .await().indefinitely();
            }
            keys.reload();
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JwtClaims claims(String type, String portal, String subject, long secondsLeft) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(VisitorTokens.ISSUER);
        claims.setSubject(subject);
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + secondsLeft));
        claims.setClaim("typ", type);
        claims.setClaim("portal_id", portal);
        return claims;
    }

    private static String sign(JwtClaims claims, Key key, String algorithm, String kid) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(algorithm);
        return jws.getCompactSerialization();
    }

    private static Map<String, Object> json(String part) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
