package dev.parley.conversation.service;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chatflow settings of the exact version a conversation started on (from the kit's catalog table, which keeps
 * every version). Versions are immutable, so they are cached.
 */
@ApplicationScoped
public class Snapshots {

    private final Pool pool;
    private final Map<String, ChatflowSettings> cache = new ConcurrentHashMap<>();

    public Snapshots(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<ChatflowSettings>> settings(String chatflowId, int version) {
        String key = chatflowId + "@" + version;
        ChatflowSettings cached = cache.get(key);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return pool.preparedQuery("select cast(snapshot as text) as s from chatflow_snapshot"
                        + " where chatflow_id = $1 and version = $2")
                .execute(Tuple.of(chatflowId, version))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    ChatflowSettings s = parse(rows.iterator().next().getString("s")).settings();
                    cache.put(key, s);
                    return Optional.of(s);
                });
    }

    private static ChatflowSnapshot parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ChatflowSnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored chatflow snapshot is not JSON", e);
        }
    }
}
