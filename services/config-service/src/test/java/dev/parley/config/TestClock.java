package dev.parley.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The service's clock in tests: the real time unless a test pins it (business hours at any time of day). */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Instant pinned;

    public void pin(Instant at) {
        pinned = at;
    }

    public void release() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant p = pinned;
        return p != null ? p : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
