package dev.parley.config.api;

import dev.parley.config.domain.Chatflow;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSettings;
import java.time.Instant;
import java.util.UUID;

/** A chatflow as its admins see it: the draft settings, the live switches and the published version number. */
public record ChatflowView(UUID id, String name, String kind, boolean enabled, int priority, ChatflowSettings settings,
                           int publishedVersion, Instant createdAt, Instant updatedAt) {

    static ChatflowView of(Chatflow c) {
        return new ChatflowView(c.id, c.name, c.kind, c.enabled, c.priority,
                EventJson.mapper().convertValue(c.settings, ChatflowSettings.class), c.publishedVersion,
                c.createdAt, c.updatedAt);
    }
}
