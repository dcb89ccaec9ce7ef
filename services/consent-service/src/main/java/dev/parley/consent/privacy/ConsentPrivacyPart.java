package dev.parley.consent.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.consent.domain.Markers;
import dev.parley.consent.service.LedgerQueries;
import dev.parley.kit.sql.Sql;
import dev.parley.consent.service.Subjects;
import dev.parley.contracts.EventJson;
import dev.parley.kit.privacy.PrivacyPart;
import dev.parley.kit.privacy.PrivacySubject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * consent-service's share of a privacy request. Erasure keeps the ledger's evidence — that a consent for chatflow X
 * version V with text hash H was given or withdrawn, when, through which channel — and replaces who gave it
 * (visitor id, email, IP, user agent, conversation) with a keyed marker shared by all of the subject's entries. The
 * subscription records and visitor↔email links go; earlier export bundles of the subject are emptied and earlier
 * requests name the marker instead of the subject.
 */
@ApplicationScoped
public class ConsentPrivacyPart implements PrivacyPart {

    private final LedgerQueries queries;

    public ConsentPrivacyPart(LedgerQueries queries) {
        this.queries = queries;
    }

    @Override
    public Uni<Long> erase(String portalId, PrivacySubject subject) {
        Object[] p = params(portalId, subject);
        return markerKey().chain(key -> {
            String marker = Markers.marker(key, portalId, subject.isEmail() ? subject.email() : subject.visitorId());
            return Sql.update("update consent_entry set subject_visitor_id = ?4, subject_email = null,"
                            + " ip_address = null, user_agent = null, conversation_id = null, anonymised_at = now()"
                            + " where anonymised_at is null and " + Subjects.MATCH, p[0], p[1], p[2], marker)
                    .chain(entries -> Sql.update("delete from subscription where portal_id = ?1 and (subject_key in "
                            + Subjects.EMAILS + " or subject_key in " + Subjects.VISITORS + ")", p)
                            .map(subscriptions -> (long) entries + subscriptions))
                    .chain(count -> forgetRequests(p, marker).replaceWith(count))
                    .chain(count -> Sql.update("delete from subject_link where portal_id = ?1 and (email in "
                            + Subjects.EMAILS + " or visitor_id in " + Subjects.VISITORS + ")", p)
                            .map(links -> count + links));
        });
    }

    /** Earlier export bundles of the subject are personal data too; earlier requests keep only the marker. */
    private static Uni<Integer> forgetRequests(Object[] p, String marker) {
        String ofSubject = "portal_id = ?1 and (subject in " + Subjects.EMAILS + " or subject in "
                + Subjects.VISITORS + ")";
        return Sql.update("update privacy_report set data = null where data is not null and request_id in"
                        + " (select id from privacy_request where kind = 'EXPORT' and " + ofSubject + ")", p)
                .chain(() -> Sql.update("update privacy_request set subject = ?4 where " + ofSubject,
                        p[0], p[1], p[2], marker));
    }

    @Override
    public Uni<JsonNode> export(String portalId, PrivacySubject subject) {
        Object[] p = params(portalId, subject);
        return queries.history(portalId, subject).chain(history -> Sql.rows("select visitor_id, email from"
                        + " subject_link where portal_id = ?1 and (email in " + Subjects.EMAILS
                        + " or visitor_id in " + Subjects.VISITORS + ")", p)
                .map(links -> {
                    ObjectNode data = EventJson.mapper().createObjectNode();
                    if (history.entries().isEmpty() && history.subscriptions().isEmpty() && links.isEmpty()) {
                        return data;
                    }
                    data.set("consentEntries", EventJson.mapper().valueToTree(history.entries()));
                    data.set("currentState", EventJson.mapper().valueToTree(history.current()));
                    data.set("subscriptions", EventJson.mapper().valueToTree(history.subscriptions()));
                    var linked = data.putArray("linkedIdentities");
                    links.forEach(r -> linked.addObject().put("visitorId", Sql.str(r[0]))
                            .put("email", Sql.str(r[1])));
                    return data;
                }));
    }

    /** The marker key, created once per database (kept in it, never in configuration or logs). */
    private static Uni<byte[]> markerKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return Sql.update("insert into marker_key (id, secret) values (1, ?1) on conflict (id) do nothing", fresh)
                .chain(() -> Sql.rows("select secret, id from marker_key where id = 1"))
                .map(rows -> (byte[]) rows.get(0)[0]);
    }

    private static Object[] params(String portalId, PrivacySubject subject) {
        return new Object[] {portalId, Sql.orEmpty(subject.email()), Sql.orEmpty(subject.visitorId())};
    }
}
