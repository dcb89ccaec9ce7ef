package dev.parley.consent.service;

import dev.parley.kit.sql.Sql;
import dev.parley.kit.privacy.PrivacySubject;

/**
 * Which ledger rows belong to a subject: the subject itself (email or visitor id), plus one hop of links — a
 * visitor's captured email, an email's visitor ids. Parameters: ?1 portal, ?2 email or "", ?3 visitor id or "".
 */
public final class Subjects {

    public static final String EMAILS = "(select nullif(?2, '') union select email from subject_link"
            + " where portal_id = ?1 and visitor_id = ?3)";
    public static final String VISITORS = "(select nullif(?3, '') union select visitor_id from subject_link"
            + " where portal_id = ?1 and (email = nullif(?2, '') or email in (select email from subject_link"
            + " where portal_id = ?1 and visitor_id = ?3)))";
    public static final String MATCH = "portal_id = ?1 and (subject_visitor_id in " + VISITORS
            + " or subject_email in " + EMAILS + ")";

    private Subjects() {
    }

    public static Object[] params(String portalId, PrivacySubject subject) {
        return new Object[] {portalId, Sql.orEmpty(subject.email()), Sql.orEmpty(subject.visitorId())};
    }
}
