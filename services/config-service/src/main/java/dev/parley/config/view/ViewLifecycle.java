package dev.parley.config.view;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Builds the view before the service takes traffic (after the demo seeder, which runs at the default priority).
 * Changes then arrive by events (the broadcast channels {@code view-chatflows} and {@code view-availability}); those
 * start reading at the latest offset once their partitions are assigned, so the view is rebuilt once more at that
 * moment (this bean is their rebalance listener): whatever committed between the start-up build and the assignment
 * is read from the database. The periodic rebuild is a safety net for a missed event or a failed refresh.
 */
@ApplicationScoped
@Identifier("config-service.view-catch-up")
public class ViewLifecycle implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ViewLifecycle.class);

    private final ResolutionView view;

    public ViewLifecycle(ResolutionView view) {
        this.view = view;
    }

    void onStart(@Observes @Priority(3000) StartupEvent start) throws Throwable {
        VertxContextSupport.subscribeAndAwait(view::rebuild);
        LOG.infof("resolution view built for %d portals", view.portalIds().size());
    }

    @Scheduled(every = "${parley.view.rebuild-every:15s}", delayed = "${parley.view.rebuild-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rebuild() {
        return view.rebuild().onFailure().invoke(e -> LOG.warnf("view rebuild failed, will retry: %s", e));
    }

    /** Called on the Kafka polling thread: starts the catch-up rebuild on a Vert.x context and returns. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            VertxContextSupport.subscribe(() -> rebuild()
                    .invoke(() -> LOG.infof("resolution view caught up after %s were assigned", partitions))
                    .toMulti(), s -> s.with(done -> { }, failed -> { }));
        }
    }
}
