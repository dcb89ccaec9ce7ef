package dev.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.test.ParleyTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The kit's default reaches a service's connections: every statement is planned with its values, so no cached
 * generic plan made on a nearly empty table keeps scanning it as it grows (docs/routing-service.md).
 */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PlanModeTest {

    @Inject
    Pool pool;

    @Test
    void everyConnectionPlansEachStatementWithItsValues() {
        String mode = pool.query("select current_setting('plan_cache_mode')").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(mode).isEqualTo("force_custom_plan");
    }
}
