package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was durably stored under its per-conversation {@code seq}. {@code sender}: VISITOR, AGENT, BOT or
 * SYSTEM; {@code clientMsgId} (the sender's retry key) is null for messages no client sent.
 */
public record MessagePosted(UUID eventId, String portalId, Instant occurredAt, String conversationId, long seq,
        String messageId, String clientMsgId, String sender, String senderId, String senderName, String text,
        Instant sentAt) implements ConversationEvent {

    public static MessagePosted of(String portalId, String conversationId, long seq, String messageId,
            String clientMsgId, String sender, String senderId, String senderName, String text, Instant sentAt) {
        return new MessagePosted(UUID.randomUUID(), portalId, Instant.now(), conversationId, seq, messageId,
                clientMsgId, sender, senderId, senderName, text, sentAt);
    }
}
