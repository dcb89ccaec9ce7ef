package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A message was durably stored with its per-conversation sequence number. */
public record MessagePosted(
        UUID eventId,
        String portalId,
        Instant occurredAt,
        String conversationId,
        long seq,
        String messageId,
        String clientMsgId,
        String sender,
        String senderId,
        String senderName,
        String text,
        Instant sentAt) implements ConversationEvent {

    public static MessagePosted of(String portalId, String conversationId, long seq, String messageId, String clientMsgId, String sender, String senderId, String senderName, String text, Instant sentAt) {
        return new MessagePosted(UUID.randomUUID(), portalId, Instant.now(), conversationId, seq, messageId, clientMsgId, sender, senderId, senderName, text, sentAt);
    }

    @Override
    public String key() {
        return conversationId;
    }
}
