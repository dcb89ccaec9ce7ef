package dev.parley.survey.service;

import dev.parley.contracts.events.SurveyDefined;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.messaging.Outbox;
import dev.parley.survey.domain.Survey;
import dev.parley.survey.domain.SurveyDefinition;
import dev.parley.survey.domain.SurveyRules;
import dev.parley.survey.domain.SurveyViolation;
import dev.parley.survey.repository.SurveyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Surveys of a portal. Every change stages a {@link SurveyDefined} in the same transaction, which is how
 * config-service learns which surveys a chatflow may link.
 */
@ApplicationScoped
public class SurveyService {

    private final SurveyRepository surveys;
    private final Outbox outbox;

    public SurveyService(SurveyRepository surveys, Outbox outbox) {
        this.surveys = surveys;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Survey> create(String portalId, UUID id, SurveyDefinition definition) {
        validate(definition);
        Survey s = new Survey();
        s.id = id;
        s.portalId = portalId;
        s.createdAt = Instant.now();
        apply(s, definition);
        return surveys.persist(s).call(this::announce);
    }

    @WithTransaction
    public Uni<Survey> update(String portalId, UUID id, SurveyDefinition definition) {
        validate(definition);
        return find(portalId, id).chain(s -> {
            if (s.archived) {
                throw ProblemException.conflict("archived", "an archived survey cannot be changed");
            }
            apply(s, definition);
            return announce(s).replaceWith(s);
        });
    }

    /** Idempotent: archiving an archived survey changes nothing and announces nothing. */
    @WithTransaction
    public Uni<Survey> archive(String portalId, UUID id) {
        return find(portalId, id).chain(s -> {
            if (s.archived) {
                return Uni.createFrom().item(s);
            }
            s.archived = true;
            s.revision++;
            s.updatedAt = Instant.now();
            return announce(s).replaceWith(s);
        });
    }

    @WithSession
    public Uni<Survey> get(String portalId, UUID id) {
        return find(portalId, id);
    }

    @WithSession
    public Uni<List<Survey>> list(String portalId, boolean includeArchived) {
        return surveys.listInPortal(portalId, includeArchived);
    }

    private Uni<Survey> find(String portalId, UUID id) {
        return surveys.findInPortal(portalId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("survey " + id));
    }

    private Uni<Void> announce(Survey s) {
        return outbox.stage(SurveyDefined.of(s.portalId, s.id.toString(), s.name, s.deliveryMethod, s.archived,
                s.revision));
    }

    private static void validate(SurveyDefinition definition) {
        try {
            SurveyRules.validate(definition);
        } catch (SurveyViolation v) {
            throw ProblemException.badRequest(v.field(), v.getMessage());
        }
    }

    private static void apply(Survey s, SurveyDefinition d) {
        s.name = d.name().strip();
        s.deliveryMethod = d.deliveryMethod();
        s.questionType = d.questionType();
        s.scale = d.scale();
        s.defaultLanguage = d.defaultLanguage();
        s.question = TextMaps.write(d.question());
        s.followUpLow = TextMaps.write(d.followUpLow());
        s.followUpHigh = TextMaps.write(d.followUpHigh());
        s.thankYou = TextMaps.write(d.thankYou());
        s.answerableHours = d.answerableHours();
        s.reinviteOnReclose = Boolean.TRUE.equals(d.reinviteOnReclose());
        s.revision++;
        s.updatedAt = Instant.now();
    }
}
