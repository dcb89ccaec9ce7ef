package dev.parley.config.repository;

import dev.parley.config.domain.ChatflowVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChatflowVersionRepository implements PanacheRepositoryBase<ChatflowVersion, ChatflowVersion.Key> {

    public Uni<List<ChatflowVersion>> ofChatflow(UUID chatflowId) {
        return list("id.chatflowId = ?1 order by id.version desc", chatflowId);
    }

    public Uni<ChatflowVersion> find(UUID chatflowId, int version) {
        return findById(new ChatflowVersion.Key(chatflowId, version));
    }
}
