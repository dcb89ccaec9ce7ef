package dev.parley.survey.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.contracts.events.SurveyAnswerSubmitted;
import dev.parley.contracts.events.VisitorIdentified;
import dev.parley.kit.messaging.ProcessedEvents;
import dev.parley.survey.domain.AnswerPolicy.Verdict;
import dev.parley.survey.domain.InvitationPolicy.Decision;
import dev.parley.survey.service.Answers;
import dev.parley.survey.service.ConversationFacts;
import dev.parley.survey.service.Invitations;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * parley.conversations.v1 and parley.routing.v1, each in group survey-service, idempotent through processed_event
 * (poison records go to the .dlq topic). Outcomes are counted only after their transaction committed, so a retried
 * transaction never counts twice: {@code parley.survey.invitations{decision}} and
 * {@code parley.survey.answers{outcome}} (ACCEPTED, or the reason an answer was refused).
 */
@ApplicationScoped
public class SurveyConsumers {

    private static final Logger LOG = Logger.getLogger(SurveyConsumers.class);
    static final String CONVERSATIONS = "survey-service/conversations";
    static final String ROUTING = "survey-service/routing";
    private static final Set<Class<? extends ParleyEvent>> CONVERSATION_TYPES = Set.of(ConversationStarted.class,
            VisitorIdentified.class, EmailCaptured.class, ConversationClosed.class, ConversationReopened.class,
            SurveyAnswerSubmitted.class);
    private static final Set<Class<? extends ParleyEvent>> ROUTING_TYPES = Set.of(ConversationAssigned.class,
            ConversationTransferred.class);

    private final ProcessedEvents processed;
    private final ConversationFacts facts;
    private final Invitations invitations;
    private final Answers answers;
    private final MeterRegistry metrics;

    public SurveyConsumers(ProcessedEvents processed, ConversationFacts facts, Invitations invitations,
                           Answers answers, MeterRegistry metrics) {
        this.processed = processed;
        this.facts = facts;
        this.invitations = invitations;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Incoming("conversations")
    public Uni<Void> onConversation(String json) {
        if (json == null || !concerns(json, CONVERSATION_TYPES)) {
            return Uni.createFrom().voidItem();
        }
        AtomicReference<Runnable> afterCommit = new AtomicReference<>();
        return processed.consume(CONVERSATIONS, json, event -> conversation(event, afterCommit))
                .invoke(() -> {
                    if (afterCommit.get() != null) {
                        afterCommit.get().run();
                    }
                });
    }

    @Incoming("routing")
    public Uni<Void> onRouting(String json) {
        if (json == null || !concerns(json, ROUTING_TYPES)) {
            return Uni.createFrom().voidItem();
        }
        return processed.consume(ROUTING, json, event -> facts.apply(event).replaceWithVoid());
    }

    /**
     * Whether the record is one of the types this service acts on. Messages, typing and the rest are skipped before
     * the processed-event log, which would otherwise get a row for every chat message. A record that is not an event
     * at all still fails here and goes to the dead-letter topic.
     */
    private static boolean concerns(String json, Set<Class<? extends ParleyEvent>> types) {
        return types.contains(EventJson.read(json).getClass());
    }

    private Uni<Void> conversation(ParleyEvent event, AtomicReference<Runnable> afterCommit) {
        if (event instanceof ConversationClosed closed) {
            return invitations.closed(closed).invoke(d -> afterCommit.set(() -> invited(closed, d))).replaceWithVoid();
        }
        if (event instanceof SurveyAnswerSubmitted answer) {
            return answers.submitted(answer).invoke(v -> afterCommit.set(() -> answered(answer, v))).replaceWithVoid();
        }
        return facts.apply(event).replaceWithVoid();
    }

    private void invited(ConversationClosed closed, Decision decision) {
        metrics.counter("parley.survey.invitations", "decision", decision.name()).increment();
    }

    private void answered(SurveyAnswerSubmitted answer, Verdict verdict) {
        metrics.counter("parley.survey.answers", "outcome", verdict.name()).increment();
        if (verdict != Verdict.ACCEPTED) {
            // The visitor was already acknowledged by conversation-service: the log and the counter are where a
            // refusal shows. No comment or visitor id in the log (personal data).
            LOG.infof("survey answer refused (%s): portal %s, conversation %s, survey %s, score %d", verdict,
                    answer.portalId(), answer.conversationId(), answer.surveyId(), answer.score());
        }
    }
}
