package dev.parley.config.repository;

import dev.parley.config.domain.Portal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PortalRepository implements PanacheRepositoryBase<Portal, String> {
}
