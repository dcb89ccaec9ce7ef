package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.events.AgentStatusChanged;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.kit.messaging.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The kit's consumption on the real PostgreSQL: a transaction that fails for a passing reason is rolled back and run
 * again until it commits (once), instead of sending a well-formed event to the dead-letter topic; bad input is not
 * retried.
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ProcessedEventsRetryTest {

    @Inject
    ProcessedEvents processed;

    @Inject
    Vertx vertx;

    @Test
    void aFailedTransactionIsRolledBackAndRetriedUntilItCommitsOnce() throws Exception {
        String team = "retry-" + UUID.randomUUID();
        String json = EventJson.write(AgentStatusChanged.of("retry-portal", "ann", "AWAY"));
        AtomicInteger attempts = new AtomicInteger();
        // Each attempt inserts the same row, then the first two fail: a row left by an attempt that was not rolled
        // back would make every later insert fail on the primary key, and the consumption would fail.
        onContext(() -> processed.consume("retry-test", json, event -> insertTeam(team)
                .chain(() -> attempts.incrementAndGet() < 3
                        ? Uni.createFrom().failure(new IllegalStateException("connection reset by peer"))
                        : Uni.createFrom().voidItem())));
        assertThat(attempts).hasValue(3);
        Long rows = onContext(() -> Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select count(*) from team where portal_id = 'retry-portal' and id = ?1",
                        Long.class).setParameter(1, team).getSingleResult())));
        assertThat(rows).isEqualTo(1L);

        AtomicInteger redelivered = new AtomicInteger();
        onContext(() -> processed.consume("retry-test", json, event -> {
            redelivered.incrementAndGet();
            return Uni.createFrom().voidItem();
        }));
        assertThat(redelivered).as("the committed event is not applied again").hasValue(0);
    }

    @Test
    void badInputFailsAtOnceForTheDeadLetterTopic() {
        String json = EventJson.write(AgentStatusChanged.of("retry-portal", "bob", "AWAY"));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> onContext(() -> processed.consume("retry-test", json, event -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalArgumentException("no such kind"));
        }))).isInstanceOf(IllegalArgumentException.class).hasMessage("no such kind");
        assertThat(attempts).hasValue(1);
    }

    private static Uni<Void> insertTeam(String team) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into team (portal_id, id, name)"
                + " values ('retry-portal', ?1, 'Retry')").setParameter(1, team).executeUpdate()).replaceWithVoid();
    }

    /** Runs {@code work} as a Kafka consumer does: on a safe duplicated Vert.x context. */
    private <T> T onContext(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) (e.getCause() instanceof Exception cause ? cause : e);
        }
    }
}
