package dev.parley.consent.service;

import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A portal's ledger settings. Only one so far: whether to keep the IP address and user agent of a banner answer
 * (off unless the portal's admin turns it on: the ledger must not hold more personal data than the portal chose).
 */
@ApplicationScoped
public class LedgerSettings {

    public Uni<Boolean> keepsRequestMetadata(String portalId) {
        return Sql.rows("select keep_request_metadata, portal_id from ledger_settings where portal_id = ?1", portalId)
                .map(rows -> !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)[0]));
    }

    public Uni<Void> keepRequestMetadata(String portalId, boolean keep) {
        return Sql.update("insert into ledger_settings (portal_id, keep_request_metadata) values (?1, ?2)"
                        + " on conflict (portal_id) do update set keep_request_metadata = excluded"
                        + ".keep_request_metadata", portalId, keep)
                .replaceWithVoid();
    }
}
