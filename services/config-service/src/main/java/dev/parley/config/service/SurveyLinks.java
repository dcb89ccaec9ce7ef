package dev.parley.config.service;

import dev.parley.contracts.events.SurveyDefined;
import dev.parley.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Which surveys a chatflow may link: survey-service owns surveys and announces each change (SurveyDefined); only a
 * CHAT survey of the chatflow's own portal that is not archived can be shown in the widget. Checked at publish
 * only — a draft may name a survey that does not exist yet. A survey created a moment ago is unknown here until its
 * event arrived (normally well under a second).
 */
@ApplicationScoped
public class SurveyLinks {

    static final String FIELD = "settings.surveyId";
    private static final String UPSERT = "insert into known_survey"
            + " (survey_id, portal_id, name, delivery_method, archived, revision, updated_at)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (survey_id) do update set name = excluded.name,"
            + " delivery_method = excluded.delivery_method, archived = excluded.archived,"
            + " revision = excluded.revision, updated_at = excluded.updated_at"
            + " where known_survey.revision < excluded.revision and known_survey.portal_id = excluded.portal_id";

    /** Called in the consumer's transaction. A survey id seen first in one portal stays that portal's. */
    public Uni<Void> remember(SurveyDefined d) {
        if (d.surveyId() == null || d.surveyId().length() > 64 || d.deliveryMethod() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("SurveyDefined without survey or method"));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                .setParameter(1, d.surveyId()).setParameter(2, d.portalId()).setParameter(3, d.name())
                .setParameter(4, d.deliveryMethod()).setParameter(5, d.archived()).setParameter(6, d.revision())
                .setParameter(7, OffsetDateTime.ofInstant(d.occurredAt(), ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** Fails with a 400 naming settings.surveyId unless the survey can be linked; call in a session. */
    public Uni<Void> check(String portalId, String surveyId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select delivery_method, archived from"
                        + " known_survey where survey_id = ?1 and portal_id = ?2", Object[].class)
                .setParameter(1, surveyId).setParameter(2, portalId).getResultList())
                .invoke(SurveyLinks::linkable).replaceWithVoid();
    }

    private static void linkable(List<Object[]> rows) {
        if (rows.isEmpty()) {
            throw ProblemException.badRequest(FIELD, "no such survey in this portal");
        }
        if (!"CHAT".equals(rows.get(0)[0])) {
            throw ProblemException.badRequest(FIELD, "only a survey delivered in chat can be linked to a chatflow");
        }
        if (Boolean.TRUE.equals(rows.get(0)[1])) {
            throw ProblemException.badRequest(FIELD, "the survey is archived");
        }
    }
}
