package dev.parley.consent.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts refused answers ({@code parley_consent_refused_total{source, field}}): a refused ConsentSubmitted is
 * skipped, not dead-lettered (replaying it would be refused again), so the counter is how operators see them.
 */
@ApplicationScoped
public class Refusals {

    private final MeterRegistry registry;

    public Refusals(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String source, String field) {
        registry.counter("parley.consent.refused", "source", source, "field", field == null ? "none" : field)
                .increment();
    }
}
