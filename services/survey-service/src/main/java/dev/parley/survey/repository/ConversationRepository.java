package dev.parley.survey.repository;

import dev.parley.survey.domain.SurveyConversation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<SurveyConversation, String> {

    /** The conversation's row, created on the first event that names it (topics arrive in any order). */
    public Uni<SurveyConversation> ensure(String portalId, String conversationId) {
        return findById(conversationId).chain(found -> {
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
}
