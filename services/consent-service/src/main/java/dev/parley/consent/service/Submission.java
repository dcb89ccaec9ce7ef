package dev.parley.consent.service;

/**
 * One consent answer on its way into the ledger, from the chat (ConsentSubmitted) or the cookie banner (REST).
 * {@code ipAddress} and {@code userAgent} are kept only when the portal's ledger settings allow.
 */
public record Submission(String portalId, String visitorId, String email, String chatflowId, int chatflowVersion,
                         String kind, boolean granted, String textHash, String language, String subscriptionType,
                         String channel, String source, String conversationId, String ipAddress, String userAgent) {

    public static final String CHAT = "CHAT";
    public static final String API = "API";
}
