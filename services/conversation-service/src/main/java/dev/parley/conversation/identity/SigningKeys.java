package dev.parley.conversation.identity;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The key pairs that sign visitor and identification tokens. New tokens are ES256 (P-256): the first instance that
 * starts without an ES256 key generates one and stores it in this service's database (under a PostgreSQL advisory
 * lock, so instances starting together agree on one key), and every instance signs with the newest ES256 key and
 * verifies with every stored key by {@code kid} — RS256 rows from before the switch included, so their tokens keep
 * verifying until they expire. The public halves are published as JWKS ({@code GET /api/v1/widget/jwks}), each with
 * its {@code alg}. Rotation: insert a new row (newest ES256 wins for signing; every stored key stays valid for
 * verification until its row is deleted).
 */
@ApplicationScoped
public class SigningKeys {

    public static final String ES256 = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
    public static final String RS256 = AlgorithmIdentifiers.RSA_USING_SHA256;

    private static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtext('parley.signing_key'))";
    private static final String SELECT = "select kid, private_pem, public_jwk from signing_key"
            + " order by created_at desc, kid desc";
    private static final String INSERT = "insert into signing_key (kid, private_pem, public_jwk) values ($1, $2, $3)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private volatile PublicJsonWebKey signing;
    private volatile Map<String, PublicJsonWebKey> verifying = Map.of();
    private volatile String jwks = "{\"keys\":[]}";

    public SigningKeys(Pool pool) {
        this.pool = pool;
    }

    void load(@Observes StartupEvent start) {
        reload();
    }

    /** Reads every stored key, generating and storing an ES256 key first when there is none. */
    void reload() {
        List<PublicJsonWebKey> stored = pool.withTransaction(tx -> tx.query(LOCK).execute()
                        .chain(() -> tx.query(SELECT).execute())
                        .map(SigningKeys::parse)
                        .chain(keys -> keys.stream().anyMatch(k -> ES256.equals(algorithm(k)))
                                ? Uni.createFrom().item(keys) : store(tx, generate(), keys)))
                .await().indefinitely();
        Map<String, PublicJsonWebKey> byKid = new LinkedHashMap<>();
        stored.forEach(k -> byKid.put(k.getKeyId(), k));
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (PublicJsonWebKey key : stored) {
            json.append(json.length() > 9 ? "," : "").append(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        verifying = Map.copyOf(byKid);
        signing = stored.stream().filter(k -> ES256.equals(algorithm(k))).findFirst().orElseThrow();
        jwks = json.append("]}").toString();
    }

    /** The newest ES256 key (with its private half). */
    PublicJsonWebKey signing() {
        return signing;
    }

    /** The stored key with this key id, or null. */
    PublicJsonWebKey verifying(String kid) {
        return kid == null ? null : verifying.get(kid);
    }

    /** The public keys as a JWKS document, newest first. */
    public String jwks() {
        return jwks;
    }

    /** The one JWS algorithm a key signs and verifies with, decided by its type (never by a token's header). */
    static String algorithm(PublicJsonWebKey key) {
        if (key instanceof EllipticCurveJsonWebKey ec && EllipticCurves.P_256.equals(ec.getCurveName())) {
            return ES256;
        }
        return key instanceof RsaJsonWebKey ? RS256 : null;
    }

    private static Uni<List<PublicJsonWebKey>> store(SqlConnection tx, PublicJsonWebKey fresh,
                                                     List<PublicJsonWebKey> older) {
        return tx.preparedQuery(INSERT).execute(Tuple.of(fresh.getKeyId(),
                        Base64.getEncoder().encodeToString(fresh.getPrivateKey().getEncoded()),
                        fresh.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))
                .map(ignored -> {
                    List<PublicJsonWebKey> all = new ArrayList<>(older.size() + 1);
                    all.add(fresh);
                    all.addAll(older);
                    return all;
                });
    }

    private static PublicJsonWebKey generate() {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            // 72 random bits: unique among the few keys of one issuer, and 24 characters shorter than a UUID in
            // every token's header.
            byte[] id = new byte[9];
            RANDOM.nextBytes(id);
            key.setKeyId(Base64.getUrlEncoder().withoutPadding().encodeToString(id));
            key.setAlgorithm(ES256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate the visitor-token key", e);
        }
    }

    private static List<PublicJsonWebKey> parse(RowSet<Row> rows) {
        List<PublicJsonWebKey> keys = new ArrayList<>(rows.size() + 1);
        for (Row row : rows) {
            keys.add(parse(row));
        }
        return keys;
    }

    private static PublicJsonWebKey parse(Row row) {
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(row.getString("public_jwk"));
            String algorithm = algorithm(key);
            if (algorithm == null) {
                throw new IllegalArgumentException("neither a P-256 nor an RSA key");
            }
            key.setPrivateKey(KeyFactory.getInstance(ES256.equals(algorithm) ? "EC" : "RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(row.getString("private_pem")))));
            return key;
        } catch (Exception e) {
            throw new IllegalStateException("stored signing key " + row.getString("kid") + " is unreadable", e);
        }
    }
}
