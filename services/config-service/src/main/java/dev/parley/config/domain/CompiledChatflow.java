package dev.parley.config.domain;

import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A published chatflow ready for resolution: its targeting and business hours compiled once, with the live
 * {@code enabled} and {@code priority} (which take effect without a new version).
 */
public record CompiledChatflow(String id, String portalId, int version, String kind, boolean enabled, int priority,
                               Instant createdAt, ChatflowSettings settings, Targeting targeting,
                               BusinessHours hours) implements Priority.Ranked {

    public static CompiledChatflow compile(ChatflowSnapshot snapshot, boolean enabled, int priority,
                                           Instant createdAt, ZoneId zone) {
        return compile(snapshot.chatflowId(), snapshot.portalId(), snapshot.version(), snapshot.kind(), enabled,
                priority, createdAt, snapshot.settings(), zone);
    }

    /** Settings must be effective ({@link SettingsDefaults#effective}) and valid. */
    public static CompiledChatflow compile(String id, String portalId, int version, String kind, boolean enabled,
                                           int priority, Instant createdAt, ChatflowSettings settings, ZoneId zone) {
        ChatflowSettings.Availability a = settings.availability();
        return new CompiledChatflow(id, portalId, version, kind, enabled, priority, createdAt, settings,
                Targeting.compile(settings.targeting()), BusinessHours.of(zone, a.hours(), a.holidays()));
    }

    public String mobileTag() {
        return settings.mobileTag();
    }

    public Availability.View availability(String routingState, Instant now) {
        return Availability.decide(settings.availability(), hours, routingState, now);
    }
}
