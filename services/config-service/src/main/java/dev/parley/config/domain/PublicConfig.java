package dev.parley.config.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.contracts.chatflow.ChatflowSettings;
import java.time.Instant;
import java.util.List;

/**
 * What a visitor's widget (or app) receives: only settings meant for visitors. Never user or team ids, inbox ids,
 * assignment, survey id, subscription type, marketing flag or targeting rules.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicConfig(String chatflowId, int version, String kind, String type, String language,
                           String welcomeMessage, AvailabilityView availability, EmailCapture emailCapture,
                           boolean knowledgeBaseSearch, Header header, Display display, Appearance appearance,
                           Consent consent) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AvailabilityView(String state, String typicalResponseTime, String message, Instant returnsAt) {
    }

    public record EmailCapture(String mode, String prompt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String mode, String brandName, String brandImageUrl, boolean brandAsAgentAlias,
                         String ownerFallbackMode) {
    }

    /** {@code behaviour} is the one for the requested device (desktop behaviour, or mobile for tablet/phone). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Display(String behaviour, String desktopBehaviour, String mobileBehaviour, Triggers triggers,
                          boolean showCloseButton) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Triggers(boolean exitIntent, Integer timeOnPageSeconds, Integer scrollPercent) {
    }

    /** Portal-wide widget appearance. */
    public record Appearance(String accentColor, String position) {
    }

    public record Consent(Text cookieBanner, Text processing, Text communication) {
    }

    /** {@code mode}: the cookie-banner timing, the processing basis, or ON/OFF for communication. */
    public record Text(String mode, String text, String textHash) {
    }

    public static PublicConfig of(CompiledChatflow c, Availability.View availability, Appearance appearance,
                                  String device) {
        return of(c, availability, appearance, device, false);
    }

    /**
     * {@code identified}: the page says the visitor is an identified contact (identification token, {@code known=true}).
     * They are not asked the cookie-banner question again: the business already knows them, and the in-chat consent
     * steps (processing, communication) still apply. The banner comes back as mode OFF.
     */
    public static PublicConfig of(CompiledChatflow c, Availability.View availability, Appearance appearance,
                                  String device, boolean identified) {
        ChatflowSettings s = c.settings();
        ChatflowSettings.Header h = s.header();
        ChatflowSettings.Consent k = s.consent();
        return new PublicConfig(c.id(), c.version(), c.kind(), s.type(), s.language(), s.welcomeMessage(),
                new AvailabilityView(availability.state().name(), availability.typicalResponseTime(),
                        availability.message(), availability.returnsAt()),
                new EmailCapture(s.emailCapture().mode(), s.emailCapture().prompt()),
                s.knowledgeBase().enabled(),
                new Header(h.mode(), h.brandName(), h.brandImageUrl(), h.brandAsAgentAlias(), h.ownerFallbackMode()),
                display(s.display(), device), appearance,
                new Consent(identified ? new Text("OFF", null, null)
                        : new Text(k.cookieBanner().timing(), k.cookieBanner().text(), k.cookieBanner().textHash()),
                        new Text(k.processing().basis(), k.processing().text(), k.processing().textHash()),
                        new Text(k.communication().enabled() ? "ON" : "OFF", k.communication().label(),
                                k.communication().textHash())));
    }

    private static Display display(ChatflowSettings.Display d, String device) {
        boolean desktop = device == null || "DESKTOP".equals(device);
        ChatflowSettings.Triggers t = d.triggers();
        List<String> devices = t == null || t.devices() == null || t.devices().isEmpty()
                ? List.of("DESKTOP", "TABLET", "PHONE") : t.devices();
        Triggers triggers = t == null || !devices.contains(device == null ? "DESKTOP" : device) ? null
                : new Triggers(t.exitIntent(), t.timeOnPageSeconds(), t.scrollPercent());
        return new Display(desktop ? d.desktopBehaviour() : d.mobileBehaviour(), d.desktopBehaviour(),
                d.mobileBehaviour(), triggers, d.showCloseButton());
    }
}
