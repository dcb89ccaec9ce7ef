package dev.parley.config.domain;

import static dev.parley.config.domain.Checks.ids;
import static dev.parley.config.domain.Checks.maxLength;
import static dev.parley.config.domain.Checks.notBlank;
import static dev.parley.config.domain.Checks.oneOf;
import static dev.parley.config.domain.Checks.oneOfOrNull;
import static dev.parley.config.domain.Checks.require;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowVocabulary.DesktopBehaviour;
import dev.parley.contracts.chatflow.ChatflowVocabulary.Device;
import dev.parley.contracts.chatflow.ChatflowVocabulary.HeaderMode;
import dev.parley.contracts.chatflow.ChatflowVocabulary.MobileBehaviour;
import java.util.List;
import java.util.regex.Pattern;

/** The chat header and the display behaviour (including triggers). */
final class DisplayRules {

    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"']{1,2000}");

    private DisplayRules() {
    }

    static void header(ChatflowSettings.Header h) {
        if (h == null) {
            return;
        }
        oneOf(h.mode(), HeaderMode.class, "settings.header.mode");
        maxLength(h.brandName(), 100, "settings.header.brandName");
        require(h.brandImageUrl() == null || HTTP_URL.matcher(h.brandImageUrl()).matches(),
                "settings.header.brandImageUrl", "must be an http(s) URL");
        ids(h.userIds(), 50, "settings.header.userIds");
        ids(h.teamIds(), 50, "settings.header.teamIds");
        require(!h.brandAsAgentAlias() || !"USERS_AND_TEAMS".equals(h.mode()), "settings.header.brandAsAgentAlias",
                "the brand alias needs the BRAND header (or CONTACT_OWNER falling back to it)");
        String effective = h.mode();
        if ("CONTACT_OWNER".equals(h.mode())) {
            require(h.ownerFallbackMode() != null && !"CONTACT_OWNER".equals(h.ownerFallbackMode()),
                    "settings.header.ownerFallbackMode", "must be BRAND or USERS_AND_TEAMS");
            oneOf(h.ownerFallbackMode(), HeaderMode.class, "settings.header.ownerFallbackMode");
            effective = h.ownerFallbackMode();
        }
        if ("BRAND".equals(effective)) {
            notBlank(h.brandName(), "settings.header.brandName");
        } else {
            require(!isEmpty(h.userIds()) || !isEmpty(h.teamIds()), "settings.header.userIds",
                    "a users-and-teams header needs at least one user or team");
        }
    }

    static void display(ChatflowSettings.Display d) {
        if (d == null) {
            return;
        }
        oneOfOrNull(d.desktopBehaviour(), DesktopBehaviour.class, "settings.display.desktopBehaviour");
        oneOfOrNull(d.mobileBehaviour(), MobileBehaviour.class, "settings.display.mobileBehaviour");
        ChatflowSettings.Triggers t = d.triggers();
        if (t == null) {
            return;
        }
        if (t.devices() != null) {
            for (int i = 0; i < t.devices().size(); i++) {
                oneOf(t.devices().get(i), Device.class, "settings.display.triggers.devices[" + i + "]");
            }
        }
        require(t.timeOnPageSeconds() == null || (t.timeOnPageSeconds() >= 1 && t.timeOnPageSeconds() <= 3600),
                "settings.display.triggers.timeOnPageSeconds", "must be between 1 and 3600 seconds");
        require(t.scrollPercent() == null || (t.scrollPercent() >= 1 && t.scrollPercent() <= 100),
                "settings.display.triggers.scrollPercent", "must be between 1 and 100");
        boolean anyTrigger = t.exitIntent() || t.timeOnPageSeconds() != null || t.scrollPercent() != null;
        require(!anyTrigger || "PROMPT_THEN_OPEN".equals(d.desktopBehaviour()), "settings.display.triggers",
                "triggers need desktopBehaviour PROMPT_THEN_OPEN (the only behaviour that opens the chat by itself)");
    }

    private static boolean isEmpty(List<String> ids) {
        return ids == null || ids.isEmpty();
    }
}
