package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The visitor answered a consent step. {@code kind}: COOKIES, PROCESSING or COMMUNICATION; {@code basis}:
 * EXPLICIT or LEGITIMATE_INTEREST (null for cookies); {@code textHash} pins the exact text shown.
 */
public record ConsentSubmitted(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String visitorId, String contactEmail, String chatflowId, int chatflowVersion, String kind, String basis,
        boolean granted, String textHash, String language, String subscriptionType,
        String channel) implements ConversationEvent {

    public static ConsentSubmitted of(String portalId, String conversationId, String visitorId, String contactEmail,
            String chatflowId, int chatflowVersion, String kind, String basis, boolean granted, String textHash,
            String language, String subscriptionType, String channel) {
        return new ConsentSubmitted(UUID.randomUUID(), portalId, Instant.now(), conversationId, visitorId, contactEmail,
                chatflowId, chatflowVersion, kind, basis, granted, textHash, language, subscriptionType, channel);
    }

    @Override
    public String key() {
        return conversationId != null ? conversationId : visitorId;
    }
}
