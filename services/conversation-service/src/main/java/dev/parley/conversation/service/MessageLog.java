package dev.parley.conversation.service;

import dev.parley.conversation.domain.Conversation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads for replay and gap filling, straight on the reactive pool (no ORM session on the hot delivery path). */
@ApplicationScoped
public class MessageLog {

    /** One stored message. */
    public record Stored(String conversationId, long seq, String messageId, String clientMsgId, String sender,
                         String senderId, String senderName, String text, Instant sentAt) {
    }

    private final Pool pool;

    public MessageLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Stored>> after(String conversationId, long afterSeq, int limit) {
        return pool.preparedQuery("select conversation_id, seq, message_id, client_msg_id, sender, sender_id,"
                        + " sender_name, text, sent_at from message where conversation_id = $1 and seq > $2"
                        + " order by seq limit $3")
                .execute(Tuple.of(conversationId, afterSeq, limit))
                .map(rows -> {
                    List<Stored> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(stored(r)));
                    return out;
                });
    }

    public Uni<Optional<Conversation>> find(String conversationId) {
        return pool.preparedQuery("select " + ConversationRepository.COLUMNS + " from conversation where id = $1")
                .execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(conversation(rows.iterator().next())));
    }

    /** The SURVEY prompt frame of a closed conversation whose visitor has not answered it yet. */
    public Uni<Optional<String>> pendingSurveyPrompt(String conversationId) {
        return pool.preparedQuery("select survey_prompt from conversation where id = $1 and status = 'CLOSED'"
                        + " and survey_prompt is not null and not survey_answered")
                .execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("survey_prompt")));
    }

    /** The last seq of each conversation, for the delivery sweep. */
    public Uni<Map<String, Long>> lastSeqs(List<String> ids) {
        return pool.preparedQuery("select id, last_seq from conversation where id = any($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Long> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("id"), r.getLong("last_seq")));
                    return out;
                });
    }

    private static Stored stored(Row r) {
        return new Stored(r.getString("conversation_id"), r.getLong("seq"), r.getString("message_id"),
                r.getString("client_msg_id"), r.getString("sender"), r.getString("sender_id"),
                r.getString("sender_name"), r.getString("text"), r.getOffsetDateTime("sent_at").toInstant());
    }

    static Conversation conversation(Row r) {
        return new Conversation(r.getString("id"), r.getString("portal_id"), r.getString("visitor_id"),
                r.getString("contact_email"), r.getString("chatflow_id"), r.getInteger("chatflow_version"),
                r.getString("inbox_id"), r.getString("page_url"), r.getString("status"), r.getBoolean("started"),
                r.getBoolean("consent_required"), r.getBoolean("consent_given"), r.getString("email_capture_mode"),
                r.getBoolean("email_asked"), r.getString("assigned_agent_id"), r.getLong("last_seq"));
    }
}
