package dev.parley.conversation.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key: {@code perMinute} messages, refilled continuously; one instance's view (documented). */
public final class RateLimiter {

    private record Bucket(double tokens, long atMillis) {
    }

    private final double perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    public boolean allow(String key, long nowMillis) {
        boolean[] allowed = new boolean[1];
        buckets.compute(key, (k, b) -> {
            double tokens = b == null ? perMinute
                    : Math.min(perMinute, b.tokens() + (nowMillis - b.atMillis()) * perMinute / 60_000.0);
            allowed[0] = tokens >= 1;
            return new Bucket(allowed[0] ? tokens - 1 : tokens, nowMillis);
        });
        return allowed[0];
    }
}
