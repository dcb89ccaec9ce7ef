package dev.parley.survey.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.EventJson;
import dev.parley.kit.privacy.PrivacyPart;
import dev.parley.kit.privacy.PrivacySubject;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * survey-service's share of privacy requests. A subject (visitor id or contact email) is matched through the
 * conversations survey-service knows (visitor id and email from ConversationStarted, VisitorIdentified,
 * EmailCaptured) and the visitor id stored on each answer. Erasure clears the answers' comments and visitor ids and
 * the conversations' identity; the score, the time, the chatflow and the agents stay, since without the identity
 * and the free text they say nothing about the person, and the statistics must not change after the fact.
 */
@ApplicationScoped
public class SurveyPrivacy implements PrivacyPart {

    /**
     * The subject's visitor ids: the one named (?2), and for an email (?3) every visitor that was identified with
     * it or gave it. ?1 is the portal.
     */
    private static final String VISITORS = "select visitor_id from survey_conversation where portal_id = ?1"
            + " and contact_email = cast(?3 as text) and visitor_id is not null union select cast(?2 as text)";
    /** The subject's conversations: those with the email, or with one of the subject's visitor ids. */
    private static final String MATCH = "select conversation_id from survey_conversation where portal_id = ?1"
            + " and (contact_email = cast(?3 as text) or visitor_id in (" + VISITORS + "))";
    private static final String RESPONSES = " from survey_response where portal_id = ?1"
            + " and (visitor_id in (" + VISITORS + ") or conversation_id in (" + MATCH + "))";

    @Override
    public Uni<Long> erase(String portalId, PrivacySubject subject) {
        String responses = "update survey_response set comment = null, visitor_id = null, erased = true"
                + " where id in (select id" + RESPONSES + ") and (comment is not null or visitor_id is not null)";
        String conversations = "update survey_conversation set visitor_id = null, contact_email = null"
                + " where conversation_id in (" + MATCH + ")";
        return update(responses, portalId, subject)
                .chain(answers -> update(conversations, portalId, subject).map(c -> (long) answers + c));
    }

    @Override
    public Uni<JsonNode> export(String portalId, PrivacySubject subject) {
        String select = "select id, survey_id, conversation_id, scale, score, comment,"
                + " cast(extract(epoch from answered_at) * 1000 as bigint)" + RESPONSES + " order by answered_at, id";
        return Panache.getSession().chain(s -> s.createNativeQuery(select, Object[].class)
                .setParameter(1, portalId).setParameter(2, subject.visitorId()).setParameter(3, subject.email())
                .getResultList()).map(SurveyPrivacy::exported);
    }

    private static Uni<Integer> update(String sql, String portalId, PrivacySubject subject) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql)
                .setParameter(1, portalId).setParameter(2, subject.visitorId()).setParameter(3, subject.email())
                .executeUpdate());
    }

    private static JsonNode exported(List<Object[]> rows) {
        ObjectNode out = EventJson.mapper().createObjectNode();
        ArrayNode answers = out.putArray("surveyAnswers");
        for (Object[] r : rows) {
            ObjectNode a = answers.addObject();
            a.put("responseId", String.valueOf(r[0]));
            a.put("surveyId", String.valueOf(r[1]));
            a.put("conversationId", (String) r[2]);
            a.put("scale", (String) r[3]);
            a.put("score", ((Number) r[4]).intValue());
            a.put("comment", (String) r[5]);
            a.put("answeredAt", Instant.ofEpochMilli(((Number) r[6]).longValue()).toString());
        }
        return out;
    }
}
