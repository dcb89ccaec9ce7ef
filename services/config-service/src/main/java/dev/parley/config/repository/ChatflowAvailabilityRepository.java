package dev.parley.config.repository;

import dev.parley.config.domain.ChatflowAvailability;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ChatflowAvailabilityRepository implements PanacheRepositoryBase<ChatflowAvailability, String> {
}
