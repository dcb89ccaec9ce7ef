package dev.parley.config.repository;

import dev.parley.config.domain.ChatflowVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ChatflowVersionRepository implements PanacheRepositoryBase<ChatflowVersion, ChatflowVersion.Key> {
}
