package dev.parley.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.parley.contracts.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * survey-service created, changed or archived a survey: what config-service needs to accept or refuse a chatflow
 * that links it ({@code deliveryMethod} CHAT, EMAIL, LINK, ...; only a CHAT survey that is not archived may be
 * linked). {@code revision} grows with every change, so a reader can ignore an older state delivered late. Keyed by
 * the survey: it concerns no conversation.
 */
public record SurveyDefined(UUID eventId, String portalId, Instant occurredAt, String surveyId, String name,
        String deliveryMethod, boolean archived, int revision) implements SurveyEvent {

    public static SurveyDefined of(String portalId, String surveyId, String name, String deliveryMethod,
            boolean archived, int revision) {
        return new SurveyDefined(UUID.randomUUID(), portalId, Instant.now(), surveyId, name, deliveryMethod, archived,
                revision);
    }

    /** None: a survey definition belongs to no conversation. */
    @Override
    @JsonIgnore
    public String conversationId() {
        return null;
    }

    @Override
    public String key() {
        return surveyId;
    }

    @Override
    public String topic() {
        return Topics.SURVEYS;
    }
}
