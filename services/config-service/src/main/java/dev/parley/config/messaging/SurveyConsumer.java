package dev.parley.config.messaging;

import dev.parley.config.service.SurveyLinks;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.events.SurveyDefined;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * survey-service's SurveyDefined (parley.surveys.v1, from the beginning, group config-service): kept in
 * known_survey, idempotent through processed_event, an older revision never overwriting a newer one. Every other
 * event of the topic (invitations, answers) is skipped; a record that is no event goes to the dead-letter topic.
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
        // Invitations and answers are skipped before the processed-event log, which would get a row for each.
        if (json == null || !(EventJson.read(json) instanceof SurveyDefined)) {
            return Uni.createFrom().voidItem();
        }
        return processed.consume(CONSUMER, json, event -> links.remember((SurveyDefined) event));
    }
}
