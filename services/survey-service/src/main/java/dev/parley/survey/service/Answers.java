package dev.parley.survey.service;

import dev.parley.contracts.events.SurveyAnswerSubmitted;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.kit.messaging.Outbox;
import dev.parley.survey.domain.AnswerPolicy;
import dev.parley.survey.domain.AnswerPolicy.Verdict;
import dev.parley.survey.domain.Invitation;
import dev.parley.survey.domain.Scale;
import dev.parley.survey.domain.SurveyConversation;
import dev.parley.survey.domain.SurveyResponse;
import dev.parley.survey.repository.ConversationRepository;
import dev.parley.survey.repository.InvitationRepository;
import dev.parley.survey.repository.ResponseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The visitor's answer (SurveyAnswerSubmitted, relayed by conversation-service): judged by {@link AnswerPolicy};
 * accepted answers are stored with what they are reported by and announced as SurveyAnswered, in the consumer's
 * transaction. Refused answers change nothing; the caller counts and logs them.
 */
@ApplicationScoped
public class Answers {

    private final InvitationRepository invitations;
    private final ConversationRepository conversations;
    private final ResponseRepository responses;
    private final Outbox outbox;

    public Answers(InvitationRepository invitations, ConversationRepository conversations,
                   ResponseRepository responses, Outbox outbox) {
        this.invitations = invitations;
        this.conversations = conversations;
        this.responses = responses;
        this.outbox = outbox;
    }

    /** Locks the conversation, then its latest invitation: the same order as every other writer of both. */
    public Uni<Verdict> submitted(SurveyAnswerSubmitted answer) {
        return conversations.locked(answer.conversationId()).chain(c -> invitations
                .latest(answer.portalId(), answer.conversationId()).chain(invitation -> {
                    Verdict verdict = judge(answer, invitation);
                    return verdict != Verdict.ACCEPTED ? Uni.createFrom().item(verdict)
                            : store(answer, invitation, c).replaceWith(verdict);
                }));
    }

    private static Verdict judge(SurveyAnswerSubmitted answer, Invitation invitation) {
        return AnswerPolicy.judge(invitation == null ? null
                        : new AnswerPolicy.Invitation(invitation.surveyId.toString(), Scale.valueOf(invitation.scale),
                                invitation.expiresAt, invitation.answered),
                answer.surveyId(), answer.score(), answer.occurredAt());
    }

    private Uni<Void> store(SurveyAnswerSubmitted answer, Invitation invitation, SurveyConversation c) {
        SurveyResponse r = new SurveyResponse();
        r.id = UUID.randomUUID();
        r.portalId = invitation.portalId;
        r.invitationId = invitation.id;
        r.surveyId = invitation.surveyId;
        r.conversationId = invitation.conversationId;
        r.chatflowId = invitation.chatflowId;
        // Routing events may still have arrived after the close: the conversation's list is the more complete one.
        r.agentIds = c != null && !c.agentIds.isEmpty() ? c.agentIds : invitation.agentIds;
        r.teamId = c != null && c.teamId != null ? c.teamId : invitation.teamId;
        r.scale = invitation.scale;
        r.score = answer.score();
        r.comment = AnswerPolicy.comment(answer.comment());
        r.visitorId = answer.visitorId();
        r.invitedAt = invitation.invitedAt;
        r.answeredAt = answer.occurredAt() != null ? answer.occurredAt() : Instant.now();
        invitation.answered = true;
        return responses.persist(r).chain(() -> outbox.stage(SurveyAnswered.of(r.portalId, r.conversationId,
                r.surveyId.toString(), r.id.toString(), r.score, r.comment)));
    }
}
