package dev.parley.consent.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Which services must answer a privacy request, and how long they may take before the request is flagged. */
@ConfigMapping(prefix = "parley.privacy")
public interface PrivacyConfig {

    /** Every service holding personal data; each reports under its quarkus.application.name. */
    @WithDefault("config-service,routing-service,conversation-service,consent-service,survey-service")
    List<String> services();

    /** After this, a service that has not reported is shown as OVERDUE. */
    @WithDefault("PT5M")
    Duration deadline();
}
