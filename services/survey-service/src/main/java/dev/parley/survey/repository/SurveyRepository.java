package dev.parley.survey.repository;

import dev.parley.survey.domain.Survey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {

    /** Another portal's survey is "not there". */
    public Uni<Survey> findInPortal(String portalId, UUID id) {
        return find("id = ?1 and portalId = ?2", id, portalId).firstResult();
    }

    public Uni<List<Survey>> listInPortal(String portalId, boolean includeArchived) {
        return includeArchived ? list("portalId = ?1 order by createdAt, id", portalId)
                : list("portalId = ?1 and archived = false order by createdAt, id", portalId);
    }
}
