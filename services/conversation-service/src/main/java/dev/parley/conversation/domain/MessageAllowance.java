package dev.parley.conversation.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A visitor's message allowance: a token bucket of {@code perMinute} messages, refilled continuously (one token every
 * 60 / perMinute seconds), so a burst of perMinute passes and then one message per refill interval. Stored per
 * visitor and shared by every instance; {@code at} is when {@code tokens} was counted.
 */
public record MessageAllowance(double tokens, Instant at) {

    public static MessageAllowance full(int perMinute, Instant at) {
        return new MessageAllowance(perMinute, at);
    }

    /** The allowance at {@code now}. Instances' clocks may differ a little: a {@code now} before {@code at} adds none. */
    public MessageAllowance refilled(int perMinute, Instant now) {
        long nanos = Math.max(0, Duration.between(at, now).toNanos());
        double added = nanos * (double) perMinute / Duration.ofMinutes(1).toNanos();
        return new MessageAllowance(Math.min(perMinute, tokens + added), now.isAfter(at) ? now : at);
    }

    public boolean allowsOne() {
        return tokens >= 1;
    }

    public MessageAllowance spendOne() {
        return new MessageAllowance(tokens - 1, at);
    }
}
