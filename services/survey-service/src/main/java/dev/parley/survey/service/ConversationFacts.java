package dev.parley.survey.service;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.contracts.events.VisitorIdentified;
import dev.parley.survey.domain.SurveyConversation;
import dev.parley.survey.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Keeps what invitations, answers and privacy requests need to know of a conversation: its chatflow, the agents and
 * team that handled it (parley.routing.v1), the visitor id and contact email (parley.conversations.v1) and whether it
 * was reopened. Called inside the consumer's processed-event transaction.
 */
@ApplicationScoped
public class ConversationFacts {

    private final ConversationRepository conversations;
    private final LateRouting late;

    public ConversationFacts(ConversationRepository conversations, LateRouting late) {
        this.conversations = conversations;
        this.late = late;
    }

    /** Applies the event if it says something about a conversation; false when it does not concern this class. */
    public Uni<Boolean> apply(ParleyEvent event) {
        if (event instanceof ConversationStarted s) {
            return update(s.portalId(), s.conversationId(), c -> {
                c.chatflowId = s.chatflowId();
                c.visitorId = s.visitorId();
                c.contactEmail = email(s.contactEmail(), c.contactEmail);
            });
        }
        if (event instanceof VisitorIdentified v) {
            return update(v.portalId(), v.conversationId(), c -> {
                c.visitorId = c.visitorId == null ? v.visitorId() : c.visitorId;
                c.contactEmail = email(v.contactEmail(), c.contactEmail);
            });
        }
        if (event instanceof EmailCaptured e) {
            return update(e.portalId(), e.conversationId(), c -> c.contactEmail = email(e.email(), c.contactEmail));
        }
        if (event instanceof ConversationAssigned a) {
            return update(a.portalId(), a.conversationId(), c -> {
                c.chatflowId = c.chatflowId == null ? a.chatflowId() : c.chatflowId;
                c.handledBy(a.agentId());
            }).call(() -> late.handled(a.portalId(), a.conversationId(), a.occurredAt(), a.agentId(), null));
        }
        if (event instanceof ConversationTransferred t) {
            return update(t.portalId(), t.conversationId(), c -> {
                c.handledBy(t.toAgentId());
                c.teamId = t.toTeamId() != null ? t.toTeamId() : c.teamId;
            }).call(() -> late.handled(t.portalId(), t.conversationId(), t.occurredAt(), t.toAgentId(),
                    t.toTeamId()));
        }
        if (event instanceof ConversationReopened r) {
            return update(r.portalId(), r.conversationId(), c -> c.reopenedSinceInvitation = true);
        }
        return Uni.createFrom().item(false);
    }

    private Uni<Boolean> update(String portalId, String conversationId, Consumer<SurveyConversation> change) {
        if (conversationId == null) {
            return Uni.createFrom().item(true);
        }
        return conversations.ensure(portalId, conversationId).invoke(change).replaceWith(true);
    }

    private static String email(String learned, String known) {
        return learned == null || learned.isBlank() ? known : learned.strip().toLowerCase(Locale.ROOT);
    }
}
