package dev.parley.config.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.events.ErasureRequested;
import dev.parley.contracts.events.ExportRequested;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.PrivacyTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** config-service answers every privacy request (it holds nothing personal, and says so with 0 and {}). */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConfigPrivacyTest {

    @Test
    void erasureAndExportAreReportedEvenThoughNothingIsHeld() {
        String erasure = UUID.randomUUID().toString();
        String export = UUID.randomUUID().toString();
        PrivacyTopic.send(ErasureRequested.of("demo", erasure, "ada@example.com"));
        PrivacyTopic.send(ExportRequested.of("demo", export, "ada@example.com"));

        JsonNode erased = PrivacyTopic.report("ErasureCompleted", erasure);
        assertThat(erased.get("service").asText()).isEqualTo("config-service");
        assertThat(erased.get("itemsErased").asLong()).isZero();
        JsonNode part = PrivacyTopic.report("ExportPart", export);
        assertThat(part.get("service").asText()).isEqualTo("config-service");
        assertThat(part.get("data").isEmpty()).isTrue();
    }
}
