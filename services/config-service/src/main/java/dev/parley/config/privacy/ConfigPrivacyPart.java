package dev.parley.config.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.kit.privacy.PrivacyPart;
import dev.parley.kit.privacy.PrivacySubject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * config-service's share of a privacy request, honestly empty: it stores portals, inboxes, appearance, chatflows and
 * their published versions, and availability states — business configuration, nothing about visitors or contacts.
 * The widget resolution reads a visitor's filter properties ({@code visitor.<property>}) from the request only to
 * pick a chatflow and keeps none of them (the memoised answers are keyed by page address, query and device, and
 * only for anonymous visitors). So erasure changes nothing (0) and the export is an empty object; the service still
 * reports, so that a request can be seen to have reached it.
 */
@ApplicationScoped
public class ConfigPrivacyPart implements PrivacyPart {

    @Override
    public Uni<Long> erase(String portalId, PrivacySubject subject) {
        return Uni.createFrom().item(0L);
    }

    @Override
    public Uni<JsonNode> export(String portalId, PrivacySubject subject) {
        return Uni.createFrom().item(EventJson.mapper().createObjectNode());
    }
}
