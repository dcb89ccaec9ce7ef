package dev.parley.survey.repository;

import dev.parley.survey.domain.Invitation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The conversation's latest invitation (the one an answer refers to), locked for the transaction. */
    public Uni<Invitation> latest(String portalId, String conversationId) {
        return find("conversationId = ?1 and portalId = ?2 order by round desc", conversationId, portalId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The first invitation sent at or after {@code at}, locked for the transaction. */
    public Uni<Invitation> firstSince(String portalId, String conversationId, Instant at) {
        return find("conversationId = ?1 and portalId = ?2 and invitedAt >= ?3 order by round", conversationId,
                portalId, at).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
