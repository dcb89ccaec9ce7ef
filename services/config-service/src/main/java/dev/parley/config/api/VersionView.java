package dev.parley.config.api;

import dev.parley.config.domain.ChatflowVersion;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import java.time.Instant;

/** One immutable published version; the list endpoint leaves the snapshot out. */
public record VersionView(int version, Instant publishedAt, ChatflowSnapshot snapshot) {

    static VersionView summary(ChatflowVersion v) {
        return new VersionView(v.id.version(), v.publishedAt, null);
    }

    static VersionView full(ChatflowVersion v) {
        return new VersionView(v.id.version(), v.publishedAt,
                EventJson.mapper().convertValue(v.snapshot, ChatflowSnapshot.class));
    }
}
