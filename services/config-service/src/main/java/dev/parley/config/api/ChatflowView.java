package dev.parley.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.config.domain.Chatflow;
import java.time.Instant;
import java.util.UUID;

public record ChatflowView(UUID id, String name, String kind, boolean enabled, int priority, JsonNode settings,
                           int publishedVersion, Instant updatedAt) {

    static ChatflowView of(Chatflow c) {
        return new ChatflowView(c.id, c.name, c.kind, c.enabled, c.priority, c.settings, c.publishedVersion,
                c.updatedAt);
    }
}
