package dev.parley.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The marker that replaces an erased subject's identity in the ledger: the same for every entry of one subject (so
 * the anonymised history still reads as one person's), and keyed, so that nobody without the service's key can test
 * a guessed email or visitor id against it.
 */
public final class Markers {

    public static final String PREFIX = "erased:";

    private Markers() {
    }

    public static String marker(byte[] key, String portalId, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((portalId + "\n" + subject.strip().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    public static boolean isMarker(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
