package dev.parley.survey.service;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.SurveyInvited;
import dev.parley.kit.messaging.ChatflowCatalog;
import dev.parley.kit.messaging.Outbox;
import dev.parley.survey.domain.Invitation;
import dev.parley.survey.domain.InvitationPolicy;
import dev.parley.survey.domain.InvitationPolicy.Decision;
import dev.parley.survey.domain.Scale;
import dev.parley.survey.domain.Survey;
import dev.parley.survey.domain.SurveyConversation;
import dev.parley.survey.domain.Texts;
import dev.parley.survey.repository.ConversationRepository;
import dev.parley.survey.repository.InvitationRepository;
import dev.parley.survey.repository.SurveyRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On ConversationClosed: the chatflow's linked survey (its latest published version, from the catalog), the
 * {@link InvitationPolicy}, and when it says so an invitation row plus a SurveyInvited in the outbox, all in the
 * consumer's transaction. A redelivered close is skipped by the processed-event log; a second close of the same
 * conversation without a reopen in between is skipped by the policy. A close naming a chatflow the catalog has not
 * received yet waits for it (bounded by {@code parley.survey.catalog-wait}; every look counted in
 * {@code parley.survey.catalog.waits}).
 */
@ApplicationScoped
public class Invitations {

    private static final Logger LOG = Logger.getLogger(Invitations.class);

    private final ConversationRepository conversations;
    private final InvitationRepository invitations;
    private final SurveyRepository surveys;
    private final ChatflowCatalog catalog;
    private final Outbox outbox;
    private final Duration catalogWait;
    private final Counter catalogWaits;
    private final Vertx vertx;

    public Invitations(ConversationRepository conversations, InvitationRepository invitations,
                       SurveyRepository surveys, ChatflowCatalog catalog, Outbox outbox,
                       @ConfigProperty(name = "parley.survey.catalog-wait", defaultValue = "PT10S")
                       Duration catalogWait, MeterRegistry metrics, Vertx vertx) {
        this.conversations = conversations;
        this.invitations = invitations;
        this.surveys = surveys;
        this.catalog = catalog;
        this.outbox = outbox;
        this.catalogWait = catalogWait;
        this.vertx = vertx;
        this.catalogWaits = metrics.counter("parley.survey.catalog.waits", "reason", "unknown-chatflow");
    }

    /** The decision taken, for the caller's metrics. */
    public Uni<Decision> closed(ConversationClosed closed) {
        return conversations.ensure(closed.portalId(), closed.conversationId()).chain(c -> {
            c.chatflowId = closed.chatflowId() != null ? closed.chatflowId() : c.chatflowId;
            c.handledBy(closed.assignedAgentId());
            return settings(c).chain(settings -> linked(c.portalId, settings)
                    .chain(survey -> decide(closed, c, settings, survey)));
        });
    }

    private Uni<Decision> decide(ConversationClosed closed, SurveyConversation c, Optional<ChatflowSettings> settings,
                                 Survey survey) {
        InvitationPolicy.LinkedSurvey linked = survey == null ? null
                : new InvitationPolicy.LinkedSurvey(survey.deliveryMethod, survey.archived, survey.reinviteOnReclose);
        Decision decision = InvitationPolicy.decide(linked,
                new InvitationPolicy.History(c.invitations, c.reopenedSinceInvitation));
        if (decision != Decision.INVITE) {
            LOG.debugf("no survey invitation for %s: %s", c.conversationId, decision);
            return Uni.createFrom().item(decision);
        }
        Invitation i = invitation(closed, c, survey, settings.map(ChatflowSettings::assignment).orElse(null));
        c.invitations = i.round;
        c.reopenedSinceInvitation = false;
        String language = Texts.language(TextMaps.read(survey.question),
                settings.map(ChatflowSettings::language).orElse(null), survey.defaultLanguage);
        return invitations.persist(i).chain(() -> outbox.stage(invited(i, survey, language))).replaceWith(decision);
    }

    private static Invitation invitation(ConversationClosed closed, SurveyConversation c, Survey survey,
                                         ChatflowSettings.Assignment assignment) {
        Instant at = closed.occurredAt() != null ? closed.occurredAt() : Instant.now();
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.portalId = c.portalId;
        i.conversationId = c.conversationId;
        i.round = c.invitations + 1;
        i.surveyId = survey.id;
        i.chatflowId = c.chatflowId;
        i.scale = survey.scale;
        i.agentIds = c.agentIds;
        i.teamId = c.teamId != null ? c.teamId : soleTeam(assignment);
        c.teamId = i.teamId;
        i.invitedAt = at;
        i.expiresAt = at.plus(Duration.ofHours(survey.answerableHours));
        return i;
    }

    /** A chatflow that assigns to exactly one team tells which team handled its conversations. */
    private static String soleTeam(ChatflowSettings.Assignment assignment) {
        List<String> teams = assignment == null || assignment.teamIds() == null ? List.of() : assignment.teamIds();
        return assignment != null && assignment.enabled() && teams.size() == 1 ? teams.get(0) : null;
    }

    private static SurveyInvited invited(Invitation i, Survey s, String language) {
        Scale scale = Scale.valueOf(s.scale);
        Map<String, String> question = TextMaps.read(s.question);
        return SurveyInvited.of(i.portalId, i.conversationId, s.id.toString(),
                Texts.pick(question, language, s.defaultLanguage), scale.min(), scale.max(), scale.name(), language,
                Texts.pick(TextMaps.read(s.followUpLow), language, s.defaultLanguage),
                Texts.pick(TextMaps.read(s.followUpHigh), language, s.defaultLanguage),
                Texts.pick(TextMaps.read(s.thankYou), language, s.defaultLanguage), i.expiresAt);
    }

    private Uni<Optional<ChatflowSettings>> settings(SurveyConversation c) {
        if (c.chatflowId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        long deadline = System.nanoTime() + catalogWait.toNanos();
        return known(c, deadline).map(found -> {
            if (found.isEmpty()) {
                LOG.warnf("chatflow %s of conversation %s still unknown after %s: closed without a survey",
                        c.chatflowId, c.conversationId, catalogWait);
            }
            return found.filter(entry -> !entry.deleted()).map(entry -> entry.snapshot().settings());
        });
    }

    /**
     * The chatflow as the catalog knows it, looking again every 200 ms until {@code deadline} while it does not.
     * parley.chatflows.v1 and parley.conversations.v1 are separate topics, so a chat that starts and closes right
     * after its chatflow's first publish can overtake the snapshot: waiting (bounded) beats closing it without its
     * survey. The pause is a Vert.x timer, so every look runs on the consumer's context and transaction.
     */
    private Uni<Optional<ChatflowCatalog.Entry>> known(SurveyConversation c, long deadline) {
        return catalog.latest(c.portalId, c.chatflowId).chain(found -> {
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return Uni.createFrom().item(found);
            }
            catalogWaits.increment();
            return Uni.createFrom().<Void>emitter(e -> vertx.setTimer(200, id -> e.complete(null)))
                    .chain(() -> known(c, deadline));
        });
    }

    /** The linked survey of this portal; null when none is linked or the id names no survey of this portal. */
    private Uni<Survey> linked(String portalId, Optional<ChatflowSettings> settings) {
        String surveyId = settings.map(ChatflowSettings::surveyId).orElse(null);
        if (surveyId == null) {
            return Uni.createFrom().nullItem();
        }
        try {
            return surveys.findInPortal(portalId, UUID.fromString(surveyId));
        } catch (IllegalArgumentException notAUuid) {
            return Uni.createFrom().nullItem();
        }
    }
}
