package dev.parley.routing.service;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A rebalance of the conversations or presence consumers means an instance joined or left (maybe died with armed
 * timers): every instance then runs the pending portals' queues again ({@link PortalTimers#recover}), off the
 * polling thread.
 */
@ApplicationScoped
@Identifier("routing-rebalance")
public class RebalanceRecovery implements KafkaConsumerRebalanceListener {

    private final PortalTimers timers;

    public RebalanceRecovery(PortalTimers timers) {
        this.timers = timers;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        timers.requestRecovery(Duration.ofMillis(500));
    }
}
