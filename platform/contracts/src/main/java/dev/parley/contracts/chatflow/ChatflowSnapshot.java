package dev.parley.contracts.chatflow;

import java.time.Instant;

/**
 * One published, immutable chatflow version: what {@code ChatflowPublished} carries and what every other service
 * keeps. {@code enabled} and {@code priority} are the live switches as of the event: when they change (or the
 * portal's time zone or widget appearance does) config-service re-announces the current version — the same
 * {@code version} and {@code settings}, a new event — so the topic's latest record per chatflow is its current
 * state. {@code timeZone} is the portal's, for business hours.
 */
public record ChatflowSnapshot(String chatflowId, String portalId, int version, String kind, String name,
                               boolean enabled, int priority, String timeZone, Instant publishedAt,
                               ChatflowSettings settings) {
}
