package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The first visitor message opened a conversation on a chatflow version. {@code channel}: WEB or MOBILE;
 * {@code contactEmail} only when a signed identity proved it.
 */
public record ConversationStarted(UUID eventId, String portalId, Instant occurredAt, String conversationId,
        String chatflowId, int chatflowVersion, String inboxId, String visitorId, String contactEmail, String pageUrl,
        String channel) implements ConversationEvent {

    public static ConversationStarted of(String portalId, String conversationId, String chatflowId, int chatflowVersion,
            String inboxId, String visitorId, String contactEmail, String pageUrl, String channel) {
        return new ConversationStarted(UUID.randomUUID(), portalId, Instant.now(), conversationId, chatflowId,
                chatflowVersion, inboxId, visitorId, contactEmail, pageUrl, channel);
    }
}
