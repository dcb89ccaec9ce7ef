package dev.parley.config.api;

import dev.parley.config.domain.Inbox;
import java.time.Instant;
import java.util.UUID;

public record InboxView(UUID id, String name, String kind, boolean chatConnected, Instant createdAt,
                        Instant updatedAt) {

    static InboxView of(Inbox i) {
        return new InboxView(i.id, i.name, i.kind, i.chatConnected, i.createdAt, i.updatedAt);
    }
}
