package dev.parley.survey.service;

import dev.parley.survey.domain.SurveyConversation;
import dev.parley.survey.repository.InvitationRepository;
import dev.parley.survey.repository.ResponseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/**
 * parley.routing.v1 and parley.conversations.v1 are separate topics, so an assignment may be applied after the close
 * it preceded. Such an agent (or team) is added to the first invitation sent after the assignment happened, and to
 * its answer, so reports attribute it as if it had arrived in time.
 */
@ApplicationScoped
public class LateRouting {

    private final InvitationRepository invitations;
    private final ResponseRepository responses;

    public LateRouting(InvitationRepository invitations, ResponseRepository responses) {
        this.invitations = invitations;
        this.responses = responses;
    }

    public Uni<Void> handled(String portalId, String conversationId, Instant at, String agentId, String teamId) {
        if (at == null || (agentId == null && teamId == null)) {
            return Uni.createFrom().voidItem();
        }
        return invitations.firstSince(portalId, conversationId, at).chain(i -> {
                    if (i == null) {
                        return Uni.createFrom().voidItem();
                    }
                    i.agentIds = SurveyConversation.withAgent(i.agentIds, agentId);
                    i.teamId = teamId != null ? teamId : i.teamId;
                    return responses.find("invitationId", i.id).withLock(LockModeType.PESSIMISTIC_WRITE)
                            .firstResult().invoke(r -> {
                        if (r != null) {
                            r.agentIds = SurveyConversation.withAgent(r.agentIds, agentId);
                            r.teamId = teamId != null ? teamId : r.teamId;
                        }
                    }).replaceWithVoid();
                });
    }
}
