package dev.parley.consent.service;

import dev.parley.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import java.util.Locale;

/** Visitor id ↔ email links (EmailCaptured, signed identities): a contact's history spans their visitor ids. */
public final class Links {

    private Links() {
    }

    public static Uni<Void> link(String portalId, String visitorId, String email) {
        return Sql.update("insert into subject_link (portal_id, visitor_id, email) values (?1, ?2, ?3)"
                        + " on conflict do nothing", portalId, visitorId, email.toLowerCase(Locale.ROOT))
                .replaceWithVoid();
    }
}
