package dev.parley.infra;

import dev.parley.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Partition counts per topic. Partitions are the unit of parallelism: the per-conversation and per-agent topics get
 * more, the low-volume ones fewer. Dead-letter topics keep one partition (they are read by people, not throughput).
 */
public final class TopicPlan {

    public record Topic(String name, int partitions, boolean compacted) {
    }

    private static final Map<String, Integer> PARTITIONS = Map.of(
            Topics.CONVERSATIONS, 6,
            Topics.ROUTING, 6,
            Topics.PRESENCE, 3,
            Topics.CHATFLOWS, 3,
            Topics.AVAILABILITY, 3,
            Topics.CONSENTS, 3,
            Topics.SURVEYS, 3,
            Topics.PRIVACY, 3);

    private TopicPlan() {
    }

    public static List<Topic> all() {
        List<Topic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            topics.add(new Topic(name, PARTITIONS.getOrDefault(name, 3), Topics.isCompacted(name)));
            topics.add(new Topic(Topics.dlq(name), 1, false));
        }
        return topics;
    }
}
