package dev.parley.contracts.chatflow;

import java.time.Instant;

/**
 * One published, immutable chatflow version: what {@code ChatflowPublished} carries and what every other service
 * keeps. {@code enabled} and {@code priority} are as of publishing; config-service applies later toggles to its own
 * resolution at once. {@code timeZone} is the portal's, for business hours.
 */
public record ChatflowSnapshot(String chatflowId, String portalId, int version, String kind, String name,
                               boolean enabled, int priority, String timeZone, Instant publishedAt,
                               ChatflowSettings settings) {
}
