package dev.parley.config.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.config.domain.Availability;
import dev.parley.config.domain.CompiledChatflow;
import dev.parley.config.domain.PublicConfig;
import dev.parley.contracts.EventJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled chatflow plus its rendered answers: the body depends only on the availability view, the device and whether the visitor is identified,
 * so each combination is serialised and hashed once, not per request.
 */
final class Entry {

    private record Key(Availability.View availability, String device, boolean identified) {
    }

    private static final int MEMO_LIMIT = 64;

    final CompiledChatflow chatflow;
    private final PublicConfig.Appearance appearance;
    private final ConcurrentHashMap<Key, Rendered> memo = new ConcurrentHashMap<>();

    Entry(CompiledChatflow chatflow, PublicConfig.Appearance appearance) {
        this.chatflow = chatflow;
        this.appearance = appearance;
    }

    Rendered render(Availability.View availability, String device, boolean identified) {
        Key key = new Key(availability, device, identified);
        Rendered hit = memo.get(key);
        if (hit != null) {
            return hit;
        }
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        Rendered fresh = render(PublicConfig.of(chatflow, availability, appearance, device, identified));
        memo.put(key, fresh);
        return fresh;
    }

    static Rendered render(PublicConfig config) {
        try {
            byte[] body = EventJson.mapper().writeValueAsBytes(config);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Rendered(body, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("public config cannot be rendered", e);
        }
    }
}
