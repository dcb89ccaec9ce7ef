package dev.parley.conversation.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Closes started conversations without a visitor or agent message for {@code parley.inactivity.timeout}
 * (closedBy INACTIVITY). Every instance runs it; the row lock in {@link ConversationService#close} makes a second
 * close of the same conversation a no-op.
 */
@ApplicationScoped
public class InactivityCloser {

    private static final Logger LOG = Logger.getLogger(InactivityCloser.class);

    private final Pool pool;
    private final ConversationService conversations;
    private final Vertx vertx;
    private final Duration timeout;
    private final Duration every;
    private long timer;

    public InactivityCloser(Pool pool, ConversationService conversations, Vertx vertx,
                            @ConfigProperty(name = "parley.inactivity.timeout", defaultValue = "PT30M") Duration timeout,
                            @ConfigProperty(name = "parley.inactivity.check-every", defaultValue = "PT30S")
                            Duration every) {
        this.pool = pool;
        this.conversations = conversations;
        this.vertx = vertx;
        this.timeout = timeout;
        this.every = every;
    }

    void start(@Observes StartupEvent start) {
        // Hibernate Reactive needs a duplicated context of its own for each run.
        timer = vertx.setPeriodic(every.toMillis(), id -> io.smallrye.common.vertx.VertxContext
                .createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(v -> run()));
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    void run() {
        pool.preparedQuery("select id from conversation where status <> 'CLOSED' and started"
                        + " and last_activity_at < now() - make_interval(secs => $1) limit 100")
                .execute(Tuple.of((double) timeout.toSeconds()))
                .onItem().transformToMulti(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    return Multi.createFrom().iterable(ids);
                })
                .onItem().transformToUniAndConcatenate(id -> conversations.close(id, "INACTIVITY", null))
                .collect().asList()
                .subscribe().with(x -> { }, e -> LOG.warnf("inactivity check failed: %s", e.getMessage()));
    }
}
