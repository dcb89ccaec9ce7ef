package dev.parley.consent.service;

import dev.parley.kit.sql.Sql;
import dev.parley.consent.domain.CurrentState;
import dev.parley.kit.privacy.PrivacySubject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the admin API reads: a subject's history and current state, one entry's proof, a search. */
@ApplicationScoped
public class LedgerQueries {

    /** A subject's history is capped: beyond it the search (kind, dates) pages through the ledger. */
    public static final int HISTORY_LIMIT = 1000;

    public record Subscription(String subjectKey, String subscriptionType, boolean subscribed,
                               boolean marketingContact, String chatflowId, String entryId, Instant updatedAt) {
    }

    public record History(String subject, List<EntryView> entries, List<CurrentState.State> current,
                          List<Subscription> subscriptions) {
    }

    public record Proof(EntryView entry, String text, String textHash, String textLanguage) {
    }

    public Uni<History> history(String portalId, PrivacySubject subject) {
        return entries(portalId, subject).chain(entries -> subscriptions(portalId, subject, entries)
                .map(subs -> new History(subject.raw(), entries, CurrentState.of(entries.stream()
                        .map(e -> new CurrentState.Answer(e.seq(), e.id(), e.kind(), e.subscriptionType(),
                                e.granted(), e.chatflowId(), e.chatflowVersion(), e.recordedAt())).toList()), subs)));
    }

    public Uni<List<EntryView>> entries(String portalId, PrivacySubject subject) {
        return Sql.rows("select " + EntryView.COLUMNS + " from consent_entry where " + Subjects.MATCH
                        + " order by seq limit " + HISTORY_LIMIT, Subjects.params(portalId, subject))
                .map(rows -> rows.stream().map(EntryView::of).toList());
    }

    private Uni<List<Subscription>> subscriptions(String portalId, PrivacySubject subject, List<EntryView> entries) {
        return Sql.rows("select subject_key, subscription_type, subscribed, marketing_contact, chatflow_id, entry_id,"
                        + " updated_at from subscription where portal_id = ?1 and (subject_key in " + Subjects.EMAILS
                        + " or subject_key in " + Subjects.VISITORS + ") order by subscription_type",
                        Subjects.params(portalId, subject))
                .map(rows -> rows.stream().map(r -> new Subscription(Sql.str(r[0]), Sql.str(r[1]),
                        Boolean.TRUE.equals(r[2]), Boolean.TRUE.equals(r[3]), Sql.str(r[4]), Sql.str(r[5]),
                        Sql.instant(r[6]))).toList());
    }

    public Uni<Optional<Proof>> proof(String portalId, UUID entryId) {
        return Sql.rows("select " + prefixed() + ", t.text, t.language from consent_entry e join consent_text t"
                        + " on t.hash = e.text_hash where e.portal_id = ?1 and e.id = ?2", portalId, entryId)
                .map(rows -> rows.stream().findFirst().map(r -> {
                    EntryView entry = EntryView.of(r);
                    return new Proof(entry, Sql.str(r[19]), entry.textHash(), Sql.str(r[20]));
                }));
    }

    /** Entries of a portal by kind (optional) and time range [from, to), newest first. */
    public Uni<List<EntryView>> search(String portalId, String kind, Instant from, Instant to, int limit) {
        return Sql.rows("select " + EntryView.COLUMNS + " from consent_entry where portal_id = ?1"
                        + " and (?2 = '' or kind = ?2) and recorded_at >= ?3 and recorded_at < ?4"
                        + " order by recorded_at desc, seq desc limit ?5", portalId, Sql.orEmpty(kind),
                        Sql.utc(from), Sql.utc(to), limit)
                .map(rows -> rows.stream().map(EntryView::of).toList());
    }

    private static String prefixed() {
        return "e." + EntryView.COLUMNS.replace(", ", ", e.");
    }
}
