package dev.parley.config.messaging;

import dev.parley.config.service.SurveyLinks;
import dev.parley.contracts.events.SurveyDefined;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * survey-service's SurveyDefined (parley.surveys.v1, from the beginning, group config-service): kept in
 * known_survey, idempotent through processed_event, an older revision never overwriting a newer one. Every other
 * event of the topic (invitations, answers) is skipped.
 */
@ApplicationScoped
public class SurveyConsumer {

    static final String CONSUMER = "config-service/surveys";

    private final ProcessedEvents processed;
    private final SurveyLinks links;

    public SurveyConsumer(ProcessedEvents processed, SurveyLinks links) {
        this.processed = processed;
        this.links = links;
    }

    @Incoming("surveys")
    public Uni<Void> onSurvey(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        return processed.consume(CONSUMER, json, event -> event instanceof SurveyDefined d ? links.remember(d)
                : Uni.createFrom().voidItem());
    }
}
