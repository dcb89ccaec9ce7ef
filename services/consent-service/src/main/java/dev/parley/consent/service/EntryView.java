package dev.parley.consent.service;

import dev.parley.kit.sql.Sql;
import java.time.Instant;
import java.util.UUID;

/** One ledger entry as the admin API and the export show it. */
public record EntryView(String id, long seq, String subjectVisitorId, String subjectEmail, String chatflowId,
                        int chatflowVersion, String kind, String basis, String subscriptionType, boolean granted,
                        String textHash, String language, String channel, String source, String conversationId,
                        String ipAddress, String userAgent, Instant recordedAt, Instant anonymisedAt) {

    static final String COLUMNS = "id, seq, subject_visitor_id, subject_email, chatflow_id, chatflow_version, kind,"
            + " basis, subscription_type, granted, text_hash, language, channel, source, conversation_id, ip_address,"
            + " user_agent, recorded_at, anonymised_at";

    static EntryView of(Object[] r) {
        return new EntryView(r[0] instanceof UUID u ? u.toString() : Sql.str(r[0]), ((Number) r[1]).longValue(),
                Sql.str(r[2]), Sql.str(r[3]), Sql.str(r[4]), ((Number) r[5]).intValue(), Sql.str(r[6]),
                Sql.str(r[7]), Sql.str(r[8]), Boolean.TRUE.equals(r[9]), Sql.str(r[10]), Sql.str(r[11]),
                Sql.str(r[12]), Sql.str(r[13]), Sql.str(r[14]), Sql.str(r[15]), Sql.str(r[16]), Sql.instant(r[17]),
                Sql.instant(r[18]));
    }
}
