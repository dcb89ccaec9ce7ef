package dev.parley.consent.service;

import dev.parley.kit.sql.Sql;
import dev.parley.consent.domain.TextCheck;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.Vocabulary;
import dev.parley.contracts.Vocabulary.ConsentKind;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ConsentRecorded;
import dev.parley.contracts.events.ConsentWithdrawn;
import dev.parley.kit.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends answers to the ledger. Runs inside the caller's transaction (the consumer's processed-event transaction or
 * the REST call's), so the entry, the text, the subscription record and the staged ConsentRecorded /
 * ConsentWithdrawn commit together.
 */
@ApplicationScoped
public class Ledger {

    private static final String INSERT_TEXT = "insert into consent_text (hash, text, language)"
            + " values (?1, ?2, nullif(?3, '')) on conflict (hash) do nothing";
    private static final String INSERT_ENTRY = "insert into consent_entry (id, portal_id, subject_visitor_id,"
            + " subject_email, chatflow_id, chatflow_version, kind, basis, subscription_type, granted, text_hash,"
            + " language, channel, source, conversation_id, ip_address, user_agent, recorded_at) values (?1, ?2, ?3,"
            + " nullif(?4, ''), ?5, ?6, ?7, nullif(?8, ''), nullif(?9, ''), ?10, ?11, nullif(?12, ''), ?13, ?14,"
            + " nullif(?15, ''), nullif(?16, ''), nullif(?17, ''), ?18)";
    private static final String PREVIOUS = "select granted, seq from consent_entry where portal_id = ?1"
            + " and (subject_visitor_id = ?2 or subject_email = nullif(?3, '')) and kind = ?4"
            + " and coalesce(subscription_type, '') = ?5 order by seq desc limit 1";
    private static final String SUBSCRIBE = "insert into subscription (portal_id, subject_key, subscription_type,"
            + " subscribed, marketing_contact, chatflow_id, entry_id, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
            + " ?8) on conflict (portal_id, subject_key, subscription_type) do update set subscribed = excluded"
            + ".subscribed, marketing_contact = excluded.marketing_contact, chatflow_id = excluded.chatflow_id,"
            + " entry_id = excluded.entry_id, updated_at = excluded.updated_at";

    private static final int SNAPSHOT_CACHE = 1000;

    private final Outbox outbox;
    private final LedgerSettings settings;
    private final Map<String, ChatflowSnapshot> snapshots = new ConcurrentHashMap<>();

    public Ledger(Outbox outbox, LedgerSettings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    public Uni<Outcome> append(Submission s) {
        Optional<ConsentKind> kind = Vocabulary.parse(ConsentKind.class, s.kind());
        if (kind.isEmpty()) {
            return Uni.createFrom().item(new Outcome.Refused("kind", "kind must be COOKIES, PROCESSING or"
                    + " COMMUNICATION"));
        }
        return snapshot(s.portalId(), s.chatflowId(), s.chatflowVersion()).chain(snapshot -> {
            if (snapshot.isEmpty()) {
                return Uni.createFrom().item(new Outcome.UnknownVersion(s.chatflowId(), s.chatflowVersion()));
            }
            TextCheck.Result check = TextCheck.check(snapshot.get().settings(), kind.get(), s.textHash(),
                    s.subscriptionType());
            if (!check.accepted()) {
                return Uni.createFrom().item(new Outcome.Refused(check.field(), check.reason()));
            }
            String language = s.language() != null ? s.language() : snapshot.get().settings().language();
            return linkedEmail(s).chain(email -> write(s, email, check.shown(), language));
        });
    }

    private Uni<Outcome> write(Submission s, String email, TextCheck.Shown shown, String language) {
        String entryId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return withdraws(s, email, shown)
                .chain(withdrawal -> settings.keepsRequestMetadata(s.portalId())
                        .chain(keep -> insert(s, email, shown, language, entryId, now, keep))
                        .chain(() -> subscription(s, email, shown, entryId, now))
                        .chain(() -> announce(s, email, shown, entryId, withdrawal)));
    }

    /** A "no" after a "yes" for the same kind (and subscription type) is a withdrawal. */
    private static Uni<Boolean> withdraws(Submission s, String email, TextCheck.Shown shown) {
        if (s.granted()) {
            return Uni.createFrom().item(false);
        }
        return Sql.rows(PREVIOUS, s.portalId(), s.visitorId(), Sql.orEmpty(email), s.kind(),
                        Sql.orEmpty(shown.subscriptionType()))
                .map(previous -> !previous.isEmpty() && Boolean.TRUE.equals(previous.get(0)[0]));
    }

    private static Uni<Integer> insert(Submission s, String email, TextCheck.Shown shown, String language,
                                       String entryId, Instant now, boolean keepMetadata) {
        return Sql.update(INSERT_TEXT, s.textHash(), shown.text(), Sql.orEmpty(language))
                .chain(() -> Sql.update(INSERT_ENTRY, UUID.fromString(entryId), s.portalId(), s.visitorId(),
                        Sql.orEmpty(email), s.chatflowId(), s.chatflowVersion(), s.kind(), Sql.orEmpty(shown.basis()),
                        Sql.orEmpty(shown.subscriptionType()), s.granted(), s.textHash(), Sql.orEmpty(language),
                        s.channel(), s.source(), Sql.orEmpty(s.conversationId()),
                        keepMetadata ? Sql.orEmpty(s.ipAddress()) : "", keepMetadata ? Sql.orEmpty(s.userAgent()) : "",
                        Sql.utc(now)));
    }

    private Uni<Void> subscription(Submission s, String email, TextCheck.Shown shown, String entryId, Instant now) {
        if (shown.subscriptionType() == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.update(SUBSCRIBE, s.portalId(), email != null ? email : s.visitorId(), shown.subscriptionType(),
                s.granted(), shown.marketingContact(), s.chatflowId(), UUID.fromString(entryId), Sql.utc(now))
                .replaceWithVoid();
    }

    private Uni<Outcome> announce(Submission s, String email, TextCheck.Shown shown, String entryId,
                                  boolean withdrawal) {
        Uni<Void> staged = withdrawal
                ? outbox.stage(ConsentWithdrawn.of(s.portalId(), entryId, s.visitorId(), email, s.kind(),
                        shown.subscriptionType()))
                : outbox.stage(ConsentRecorded.of(s.portalId(), entryId, s.visitorId(), email, s.chatflowId(),
                        s.chatflowVersion(), s.kind(), shown.basis(), s.granted(), s.textHash()));
        return staged.replaceWith(new Outcome.Recorded(entryId, withdrawal));
    }

    /** The answer's own email (a signed identity), else the email the visitor gave in the chat, if any. */
    private Uni<String> linkedEmail(Submission s) {
        if (s.email() != null) {
            String email = s.email().toLowerCase(Locale.ROOT);
            return Links.link(s.portalId(), s.visitorId(), email).replaceWith(email);
        }
        return Sql.rows("select email, linked_at from subject_link where portal_id = ?1 and visitor_id = ?2"
                        + " order by linked_at desc limit 1", s.portalId(), s.visitorId())
                .map(rows -> rows.isEmpty() ? null : Sql.str(rows.get(0)[0]));
    }

    /**
     * The published snapshot of exactly this version, from the kit's local chatflow catalog. A published version
     * never changes, so parsed snapshots are kept (bounded) instead of being read and parsed for every answer.
     */
    private Uni<Optional<ChatflowSnapshot>> snapshot(String portalId, String chatflowId, int version) {
        String key = portalId + "\n" + chatflowId + "\n" + version;
        ChatflowSnapshot cached = snapshots.get(key);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return Sql.rows("select chatflow_id, cast(snapshot as text) from chatflow_snapshot where portal_id = ?1"
                        + " and chatflow_id = ?2 and version = ?3", portalId, chatflowId, version)
                .map(rows -> rows.stream().findFirst().map(r -> remember(key, parse(Sql.str(r[1])))));
    }

    private ChatflowSnapshot remember(String key, ChatflowSnapshot snapshot) {
        if (snapshots.size() >= SNAPSHOT_CACHE) {
            snapshots.clear();
        }
        snapshots.put(key, snapshot);
        return snapshot;
    }

    private static ChatflowSnapshot parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ChatflowSnapshot.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored chatflow snapshot is not JSON", e);
        }
    }
}
