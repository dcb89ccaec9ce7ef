package dev.parley.config.domain;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.Availability;
import dev.parley.contracts.chatflow.ChatflowSettings.Consent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The effective settings of a (validated) draft: every absent section or text takes its default for the chatflow's
 * language, and each consent text gets its SHA-256 so consent evidence can name the exact text shown. What gets
 * published is always this complete form.
 */
public final class SettingsDefaults {

    private SettingsDefaults() {
    }

    public static ChatflowSettings effective(ChatflowSettings s, String kind, String brandName) {
        ChatflowSettings in = s != null ? s : new ChatflowSettings(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        String language = in.language() != null ? in.language() : "en";
        DefaultTexts.Texts texts = DefaultTexts.forLanguage(language);
        return new ChatflowSettings(
                or(in.type(), "LIVE_CHAT"), language, in.inboxId(), or(in.welcomeMessage(), texts.welcome()),
                in.assignment() != null ? in.assignment() : new ChatflowSettings.Assignment(false, List.of(), List.of()),
                emailCapture(in.emailCapture(), texts),
                in.knowledgeBase() != null ? in.knowledgeBase() : new ChatflowSettings.KnowledgeBase(false, null),
                availability(in.availability(), texts),
                in.header() != null ? in.header()
                        : new ChatflowSettings.Header("BRAND", brandName, null, false, List.of(), List.of(), null),
                display(in.display()),
                "WEBSITE".equals(kind) ? targeting(in.targeting()) : null,
                consent(in.consent(), texts), in.surveyId(), in.mobileTag());
    }

    private static ChatflowSettings.EmailCapture emailCapture(ChatflowSettings.EmailCapture e,
                                                              DefaultTexts.Texts texts) {
        String mode = e == null ? "WHEN_NO_AGENT" : e.mode();
        return new ChatflowSettings.EmailCapture(mode, e == null || e.prompt() == null ? texts.emailPrompt()
                : e.prompt());
    }

    private static Availability availability(Availability a, DefaultTexts.Texts texts) {
        Availability in = a != null ? a : new Availability("ALWAYS", null, null, null, null, null);
        ChatflowSettings.Away away = in.away() != null ? in.away()
                : new ChatflowSettings.Away("SHOW_AWAY_MESSAGE", null);
        ChatflowSettings.AtCapacity full = in.atCapacity() != null ? in.atCapacity()
                : new ChatflowSettings.AtCapacity("SHOW_WAITING_MESSAGE", null);
        return new Availability(in.mode(), in.hours() == null ? List.of() : in.hours(),
                in.holidays() == null ? List.of() : in.holidays(), in.typicalResponseTime(),
                new ChatflowSettings.Away(away.behaviour(), or(away.message(), texts.away())),
                new ChatflowSettings.AtCapacity(full.behaviour(), or(full.message(), texts.waiting())));
    }

    private static ChatflowSettings.Display display(ChatflowSettings.Display d) {
        if (d == null) {
            return new ChatflowSettings.Display("PROMPT", "LAUNCHER_ONLY", null, true);
        }
        return new ChatflowSettings.Display(or(d.desktopBehaviour(), "PROMPT"), or(d.mobileBehaviour(),
                "LAUNCHER_ONLY"), d.triggers(), d.showCloseButton());
    }

    private static ChatflowSettings.Targeting targeting(ChatflowSettings.Targeting t) {
        return new ChatflowSettings.Targeting(
                t == null || t.rules() == null ? List.of() : t.rules(),
                t == null || t.exclusions() == null ? List.of() : t.exclusions(),
                t == null || t.visitorFilterGroups() == null ? List.of() : t.visitorFilterGroups());
    }

    private static Consent consent(Consent c, DefaultTexts.Texts texts) {
        var banner = c == null || c.cookieBanner() == null ? null : c.cookieBanner();
        var processing = c == null || c.processing() == null ? null : c.processing();
        var comm = c == null || c.communication() == null ? null : c.communication();
        String bannerText = banner == null ? texts.cookieBanner() : or(banner.text(), texts.cookieBanner());
        String processingText = processing == null ? texts.processing() : or(processing.text(), texts.processing());
        String label = comm == null ? texts.communicationLabel() : or(comm.label(), texts.communicationLabel());
        return new Consent(
                new ChatflowSettings.CookieBanner(banner == null ? "OFF" : banner.timing(), bannerText,
                        sha256(bannerText)),
                new ChatflowSettings.Processing(processing == null ? "LEGITIMATE_INTEREST" : processing.basis(),
                        processingText, sha256(processingText)),
                new ChatflowSettings.Communication(comm != null && comm.enabled(),
                        comm == null ? null : comm.subscriptionType(), label, sha256(label)),
                c != null && c.marketingContact());
    }

    /** SHA-256 of the exact text (UTF-8), lower-case hex. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
