package dev.parley.config.repository;

import dev.parley.config.domain.Chatflow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChatflowRepository implements PanacheRepositoryBase<Chatflow, UUID> {

    /** Tenant isolation lives here: another portal's (or a deleted) chatflow is indistinguishable from a missing one. */
    public Uni<Chatflow> findInPortal(String portalId, UUID id) {
        return find("id = ?1 and portalId = ?2 and deletedAt is null", id, portalId).firstResult();
    }

    public Uni<List<Chatflow>> listInPortal(String portalId) {
        return list("portalId = ?1 and deletedAt is null order by createdAt, id", portalId);
    }

    /** Chatflows visitors may get: published, not deleted (enabled or not: toggles apply in memory). */
    public Uni<List<Chatflow>> published(String portalId) {
        return list("portalId = ?1 and deletedAt is null and publishedVersion > 0", portalId);
    }

    public Uni<Long> countUsingInbox(String portalId, String inboxId) {
        return listInPortal(portalId).map(all -> all.stream().filter(c -> c.settings != null && c.settings.has("inboxId")
                        && inboxId.equals(c.settings.get("inboxId").asText())).count());
    }
}
