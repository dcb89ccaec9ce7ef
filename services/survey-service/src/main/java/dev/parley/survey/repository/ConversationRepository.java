package dev.parley.survey.repository;

import dev.parley.survey.domain.SurveyConversation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<SurveyConversation, String> {

    /**
     * The conversation's row, locked for the rest of the transaction and created on the first event that names it
     * (topics arrive in any order). The lock matters: the conversations and routing consumers change the same row
     * concurrently, and an unlocked read-modify-write of one would undo the other's change (two concurrent first
     * inserts collide on the key instead, and the loser's transaction is retried).
     */
    public Uni<SurveyConversation> ensure(String portalId, String conversationId) {
        return findById(conversationId, LockModeType.PESSIMISTIC_WRITE).chain(found -> {
            if (found != null) {
                found.updatedAt = Instant.now();
                return Uni.createFrom().item(found);
            }
            SurveyConversation c = new SurveyConversation();
            c.conversationId = conversationId;
            c.portalId = portalId;
            c.updatedAt = Instant.now();
            return persist(c);
        });
    }

    public Uni<SurveyConversation> locked(String conversationId) {
        return findById(conversationId, LockModeType.PESSIMISTIC_WRITE);
    }
}
