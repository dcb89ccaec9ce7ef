package dev.parley.config.repository;

import dev.parley.config.domain.Inbox;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class InboxRepository implements PanacheRepositoryBase<Inbox, UUID> {

    public Uni<Inbox> findInPortal(String portalId, UUID id) {
        return find("id = ?1 and portalId = ?2", id, portalId).firstResult();
    }

    public Uni<List<Inbox>> listInPortal(String portalId) {
        return list("portalId = ?1 order by createdAt, id", portalId);
    }
}
