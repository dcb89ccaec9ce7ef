package dev.parley.contracts;

import java.util.List;
import java.util.Set;

/** The Kafka topics of ARCHITECTURE.md. Keys: the aggregate id named on each event's {@code key()}. */
public final class Topics {

    public static final String CHATFLOWS = "parley.chatflows.v1";
    public static final String CONVERSATIONS = "parley.conversations.v1";
    public static final String ROUTING = "parley.routing.v1";
    public static final String PRESENCE = "parley.presence.v1";
    public static final String AVAILABILITY = "parley.availability.v1";
    public static final String CONSENTS = "parley.consents.v1";
    public static final String SURVEYS = "parley.surveys.v1";
    public static final String PRIVACY = "parley.privacy.v1";

    public static final List<String> ALL = List.of(CHATFLOWS, CONVERSATIONS, ROUTING, PRESENCE, AVAILABILITY,
            CONSENTS, SURVEYS, PRIVACY);

    /** Topics that keep only the latest record per key (a chatflow's snapshot, a chatflow's availability). */
    public static final Set<String> COMPACTED = Set.of(CHATFLOWS, AVAILABILITY);

    private Topics() {
    }

    public static boolean isCompacted(String topic) {
        return COMPACTED.contains(topic);
    }

    /** The dead-letter topic where consumers park records they cannot process. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
