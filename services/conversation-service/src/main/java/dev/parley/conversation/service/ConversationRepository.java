package dev.parley.conversation.service;

import dev.parley.conversation.domain.Conversation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Native SQL on the current Panache session (so it joins the caller's transaction and the outbox). */
@ApplicationScoped
public class ConversationRepository {

    static final String COLUMNS = "id, portal_id, visitor_id, contact_email, chatflow_id, chatflow_version, inbox_id,"
            + " page_url, status, started, consent_required, consent_given, email_capture_mode, email_asked,"
            + " assigned_agent_id, last_seq";

    public Uni<Optional<Conversation>> lock(String id) {
        return list("select " + COLUMNS + " from conversation where id = ?1 for update", id)
                .map(rows -> rows.stream().findFirst().map(ConversationRepository::row));
    }

    public Uni<Optional<Conversation>> openOf(String portalId, String visitorId, String chatflowId) {
        return list("select " + COLUMNS + " from conversation where portal_id = ?1 and visitor_id = ?2"
                + " and chatflow_id = ?3 and status <> 'CLOSED' order by created_at desc limit 1",
                portalId, visitorId, chatflowId)
                .map(rows -> rows.stream().findFirst().map(ConversationRepository::row));
    }

    public Uni<Integer> update(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.executeUpdate();
        });
    }

    @SuppressWarnings("unchecked")
    public Uni<List<Object[]>> list(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Conversation row(Object[] r) {
        return new Conversation((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), (String) r[6], (String) r[7], (String) r[8], (Boolean) r[9],
                (Boolean) r[10], (Boolean) r[11], (String) r[12], (Boolean) r[13], (String) r[14],
                ((Number) r[15]).longValue());
    }
}
