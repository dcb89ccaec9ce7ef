package dev.parley.config.repository;

import dev.parley.config.domain.Chatflow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ChatflowRepository implements PanacheRepositoryBase<Chatflow, UUID> {

    /** Tenant isolation lives here: another portal's chatflow is indistinguishable from a missing one. */
    public Uni<Chatflow> findInPortal(String portalId, UUID id) {
        return find("id = ?1 and portalId = ?2", id, portalId).firstResult();
    }
}
