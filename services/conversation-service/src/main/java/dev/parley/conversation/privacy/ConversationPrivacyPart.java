package dev.parley.conversation.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.EventJson;
import dev.parley.kit.privacy.PrivacyPart;
import dev.parley.kit.privacy.PrivacySubject;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * conversation-service's share of a privacy request: the subject's conversations (found by visitor id, by the
 * signed contact email or the email captured in the chat, and one hop further — every visitor id that used that
 * email, every email that visitor gave) and their messages.
 *
 * <p>Erasure keeps each conversation as a record (chatflow, status, times, seq, agent) but replaces the visitor id
 * with a marker, drops the emails and the page URL, and replaces every message text of those conversations with
 * {@value #ERASED} (an agent's reply can name the person too) and the visitor's name and id on their messages. The
 * rows stay so that sequence numbers, counts and the agents' inbox remain consistent. A second request finds nothing
 * left to change: the marker no longer matches the subject.
 */
@ApplicationScoped
public class ConversationPrivacyPart implements PrivacyPart {

    static final String ERASED = "[erased]";
    /** An export is one Kafka record: a subject with more messages gets the newest ones and "truncated": true. */
    static final int EXPORT_MESSAGES = 2000;

    /** Parameters: ?1 portal, ?2 email or "", ?3 visitor id or "". */
    private static final String EMAILS = "(select nullif(?2, '') union select lower(contact_email) from conversation"
            + " where portal_id = ?1 and visitor_id = ?3 union select lower(email) from conversation"
            + " where portal_id = ?1 and visitor_id = ?3)";
    private static final String VISITORS = "(select nullif(?3, '') union select visitor_id from conversation"
            + " where portal_id = ?1 and (lower(contact_email) in " + EMAILS + " or lower(email) in " + EMAILS + "))";
    private static final String MATCH = "portal_id = ?1 and visitor_id in " + VISITORS;

    @Override
    public Uni<Long> erase(String portalId, PrivacySubject subject) {
        String marker = "erased:" + UUID.randomUUID();
        return update("update message set text = '" + ERASED + "',"
                        + " sender_name = case when sender = 'VISITOR' then null else sender_name end,"
                        + " sender_id = case when sender = 'VISITOR' then ?4 else sender_id end"
                        + " where conversation_id in (select id from conversation where " + MATCH + ")",
                        portalId, subject, marker)
                .chain(messages -> update("update conversation set visitor_id = ?4, contact_email = null,"
                                + " email = null, page_url = null, updated_at = now() where " + MATCH, portalId,
                        subject, marker)
                        .map(conversations -> (long) messages + conversations));
    }

    @Override
    public Uni<JsonNode> export(String portalId, PrivacySubject subject) {
        return rows("select id, chatflow_id, chatflow_version, status, visitor_id, contact_email, email, page_url,"
                        + " cast(created_at as text) from conversation where " + MATCH + " order by created_at",
                portalId, subject)
                .chain(conversations -> conversations.isEmpty()
                        ? Uni.createFrom().item((JsonNode) EventJson.mapper().createObjectNode())
                        : messages(portalId, subject).map(messages -> bundle(conversations, messages)));
    }

    private Uni<List<Object[]>> messages(String portalId, PrivacySubject subject) {
        return rows("select * from (select conversation_id, seq, sender, sender_name, text, cast(sent_at as text)"
                + " from message where conversation_id in (select id from conversation where " + MATCH + ")"
                + " order by sent_at desc limit " + (EXPORT_MESSAGES + 1) + ") m order by sent_at, seq",
                portalId, subject);
    }

    private static JsonNode bundle(List<Object[]> conversations, List<Object[]> messages) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        ArrayNode list = data.putArray("conversations");
        Map<String, ArrayNode> byId = new LinkedHashMap<>();
        for (Object[] c : conversations) {
            ObjectNode node = list.addObject().put("conversationId", str(c[0])).put("chatflowId", str(c[1]))
                    .put("chatflowVersion", ((Number) c[2]).intValue()).put("status", str(c[3]))
                    .put("visitorId", str(c[4])).put("contactEmail", str(c[5])).put("capturedEmail", str(c[6]))
                    .put("pageUrl", str(c[7])).put("startedAt", str(c[8]));
            byId.put(str(c[0]), node.putArray("messages"));
        }
        List<Object[]> kept = messages.size() > EXPORT_MESSAGES ? messages.subList(1, messages.size()) : messages;
        for (Object[] m : kept) {
            byId.get(str(m[0])).addObject().put("seq", ((Number) m[1]).longValue()).put("sender", str(m[2]))
                    .put("senderName", str(m[3])).put("text", str(m[4])).put("sentAt", str(m[5]));
        }
        data.put("truncated", messages.size() > EXPORT_MESSAGES);
        return data;
    }

    private static Uni<Integer> update(String sql, String portalId, PrivacySubject subject, String marker) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter(1, portalId)
                .setParameter(2, subject.isEmail() ? subject.email() : "")
                .setParameter(3, subject.isEmail() ? "" : subject.visitorId())
                .setParameter(4, marker).executeUpdate());
    }

    private static Uni<List<Object[]>> rows(String sql, String portalId, PrivacySubject subject) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class).setParameter(1, portalId)
                .setParameter(2, subject.isEmail() ? subject.email() : "")
                .setParameter(3, subject.isEmail() ? "" : subject.visitorId()).getResultList());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
