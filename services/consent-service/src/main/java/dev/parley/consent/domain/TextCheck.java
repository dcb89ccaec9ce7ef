package dev.parley.consent.domain;

import dev.parley.contracts.Vocabulary.ConsentKind;
import dev.parley.contracts.chatflow.ChatflowSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether an answer names a text the chatflow version really showed. The ledger stores the text from the published
 * snapshot (never from the client), so the hash the client sends must be the snapshot's hash of that very step, the
 * step must have been shown (banner not OFF, communication enabled), and the snapshot's text must hash to it.
 */
public final class TextCheck {

    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");

    /** What the entry records: the text shown, the basis and subscription type the chatflow version declared. */
    public record Shown(String text, String basis, String subscriptionType, boolean marketingContact) {
    }

    /** Either what was shown, or why the answer is refused ({@code field} names the failing input). */
    public record Result(Shown shown, String field, String reason) {

        static Result refused(String field, String reason) {
            return new Result(null, field, reason);
        }

        public boolean accepted() {
            return shown != null;
        }
    }

    private TextCheck() {
    }

    public static Result check(ChatflowSettings settings, ConsentKind kind, String textHash,
                               String subscriptionType) {
        if (textHash == null || !HASH.matcher(textHash).matches()) {
            return Result.refused("textHash", "textHash must be a lower-case hex SHA-256");
        }
        ChatflowSettings.Consent consent = settings == null ? null : settings.consent();
        if (consent == null) {
            return Result.refused("chatflowVersion", "this chatflow version shows no consent step");
        }
        Result result = switch (kind) {
            case COOKIES -> cookies(consent.cookieBanner(), textHash, consent.marketingContact());
            case PROCESSING -> processing(consent.processing(), textHash, consent.marketingContact());
            case COMMUNICATION -> communication(consent.communication(), textHash, subscriptionType,
                    consent.marketingContact());
        };
        if (result.accepted() && !sha256(result.shown().text()).equals(textHash)) {
            return Result.refused("textHash", "the published text does not hash to textHash");
        }
        return result;
    }

    private static Result cookies(ChatflowSettings.CookieBanner banner, String hash, boolean marketing) {
        if (banner == null || banner.text() == null || "OFF".equals(banner.timing())) {
            return Result.refused("kind", "this chatflow version shows no cookie banner");
        }
        return textHash(banner.textHash(), hash) ? shown(banner.text(), null, null, marketing) : mismatch();
    }

    private static Result processing(ChatflowSettings.Processing processing, String hash, boolean marketing) {
        if (processing == null || processing.text() == null) {
            return Result.refused("kind", "this chatflow version shows no processing consent");
        }
        return textHash(processing.textHash(), hash) ? shown(processing.text(), processing.basis(), null, marketing)
                : mismatch();
    }

    private static Result communication(ChatflowSettings.Communication communication, String hash,
                                        String subscriptionType, boolean marketing) {
        if (communication == null || !communication.enabled() || communication.label() == null) {
            return Result.refused("kind", "this chatflow version shows no consent to communicate");
        }
        if (subscriptionType != null && !subscriptionType.equals(communication.subscriptionType())) {
            return Result.refused("subscriptionType", "not the subscription type this chatflow version offered");
        }
        return textHash(communication.textHash(), hash)
                ? shown(communication.label(), null, communication.subscriptionType(), marketing) : mismatch();
    }

    private static boolean textHash(String published, String given) {
        return Objects.equals(published, given);
    }

    private static Result shown(String text, String basis, String subscriptionType, boolean marketing) {
        return new Result(new Shown(text, basis, subscriptionType, marketing), null, null);
    }

    private static Result mismatch() {
        return Result.refused("textHash", "not the text this chatflow version showed for this step");
    }

    /** SHA-256 of the exact text (UTF-8), lower-case hex: how config-service names a text at publish. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
