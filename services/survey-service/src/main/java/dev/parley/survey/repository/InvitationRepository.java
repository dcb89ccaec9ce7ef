package dev.parley.survey.repository;

import dev.parley.survey.domain.Invitation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The conversation's latest invitation: the one an answer refers to. */
    public Uni<Invitation> latest(String portalId, String conversationId) {
        return find("conversationId = ?1 and portalId = ?2 order by round desc", conversationId, portalId)
                .firstResult();
    }
}
