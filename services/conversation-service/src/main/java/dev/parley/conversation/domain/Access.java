package dev.parley.conversation.domain;

/** Who may see a conversation: its own visitor, or any agent of its portal. Anything else is "not found". */
public final class Access {

    private Access() {
    }

    public static boolean visitor(Conversation c, String portalId, String visitorId) {
        return c.portalId().equals(portalId) && c.visitorId().equals(visitorId);
    }

    public static boolean agent(Conversation c, String portalId) {
        return c.portalId().equals(portalId);
    }
}
