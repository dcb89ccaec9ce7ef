package dev.parley.conversation.domain;

/** A conversation row as the delivery and chat logic needs it. */
public record Conversation(String id, String portalId, String visitorId, String contactEmail, String chatflowId,
                           int chatflowVersion, String inboxId, String pageUrl, String status, boolean started,
                           boolean consentRequired, boolean consentGiven, String emailCaptureMode,
                           boolean emailAsked, String assignedAgentId, long lastSeq) {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public Conversation withLastSeq(long seq) {
        return new Conversation(id, portalId, visitorId, contactEmail, chatflowId, chatflowVersion, inboxId, pageUrl,
                status, started, consentRequired, consentGiven, emailCaptureMode, emailAsked, assignedAgentId, seq);
    }

    /** After a message with {@code seq} was stored ({@code starts}: it was the visitor's first). */
    public Conversation numbered(long seq, boolean starts) {
        return new Conversation(id, portalId, visitorId, contactEmail, chatflowId, chatflowVersion, inboxId, pageUrl,
                status, started || starts, consentRequired, consentGiven, emailCaptureMode, emailAsked,
                assignedAgentId, seq);
    }

    public boolean closed() {
        return CLOSED.equals(status);
    }
}
