package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.kit.messaging.ProcessedEventRetention;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The kit's retention of processed-event records on the real PostgreSQL (every service runs the same bean). */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ProcessedEventRetentionTest {

    @Inject
    ProcessedEventRetention retention;

    @Inject
    Pool pool;

    @Test
    void recordsOlderThanTheHorizonGoInChunksAndYoungerOnesStay() {
        String consumer = "retention-test-" + UUID.randomUUID();
        // More old records than one chunk, so the run has to go round; and some just inside the 15-day horizon.
        pool.preparedQuery("insert into processed_event (consumer, event_id, processed_at) select $1,"
                        + " gen_random_uuid(), now() - interval '16 days' - make_interval(secs => i)"
                        + " from generate_series(1, $2) i")
                .execute(Tuple.of(consumer, (long) ProcessedEventRetention.CHUNK + 5)).await().indefinitely();
        List<UUID> young = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            young.add(id);
            pool.preparedQuery("insert into processed_event (consumer, event_id, processed_at)"
                            + " values ($1, $2, now() - interval '14 days 23 hours')")
                    .execute(Tuple.of(consumer, id)).await().indefinitely();
        }

        long forgotten = retention.forgetOld().await().atMost(Duration.ofSeconds(60));

        assertThat(forgotten).isGreaterThanOrEqualTo(ProcessedEventRetention.CHUNK + 5);
        List<UUID> left = new ArrayList<>();
        pool.preparedQuery("select event_id from processed_event where consumer = $1").execute(Tuple.of(consumer))
                .await().indefinitely().forEach(row -> left.add(row.getUUID("event_id")));
        assertThat(left).containsExactlyInAnyOrderElementsOf(young);
        // Nothing older than the horizon is left by anyone.
        long old = pool.query("select count(*) from processed_event where processed_at < now() - interval '15 days'")
                .execute().await().indefinitely().iterator().next().getLong(0);
        assertThat(old).isZero();
    }
}
