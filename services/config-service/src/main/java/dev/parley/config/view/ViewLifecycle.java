package dev.parley.config.view;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Builds the view before the service takes traffic (after the demo seeder, which runs at the default priority),
 * then rebuilds it periodically so changes made through another instance of config-service appear here too.
 */
@ApplicationScoped
public class ViewLifecycle {

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
}
