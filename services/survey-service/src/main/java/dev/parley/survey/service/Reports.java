package dev.parley.survey.service;

import dev.parley.survey.domain.CsatReport;
import dev.parley.survey.domain.CsatReport.Observation;
import dev.parley.survey.domain.ReportPeriod;
import dev.parley.survey.domain.Scale;
import dev.parley.survey.domain.SurveyConversation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads for reports, straight on the reactive pool (read-only, no ORM session). The figures themselves are computed
 * by {@link CsatReport}; this class only loads the period's invitations with their answers.
 */
@ApplicationScoped
public class Reports {

    /** One answer as the answers list shows it. */
    public record Answer(UUID responseId, UUID surveyId, String conversationId, String chatflowId,
                         List<String> agentIds, String teamId, String scale, int score, boolean satisfied,
                         String comment, Instant invitedAt, Instant answeredAt) {
    }

    public record AnswerPage(List<Answer> items, int page, int size, long total) {
    }

    private static final String PERIOD = " portal_id = $1 and invited_at >= $2 and invited_at < $3"
            + " and ($4::uuid is null or survey_id = $4::uuid)";
    private static final String OBSERVATIONS = "select i.invited_at, i.scale, i.chatflow_id,"
            + " coalesce(r.team_id, i.team_id) as team_id,"
            + " coalesce(nullif(r.agent_ids, ''), i.agent_ids) as agent_ids, r.score"
            + " from survey_invitation i left join survey_response r on r.invitation_id = i.id where"
            + PERIOD.replace(" portal_id", " i.portal_id").replace(" invited_at", " i.invited_at")
            .replace(" survey_id", " i.survey_id");
    private static final String ANSWERS = "select id, survey_id, conversation_id, chatflow_id, agent_ids, team_id,"
            + " scale, score, comment, invited_at, answered_at from survey_response where" + PERIOD
            + " order by answered_at desc, id limit $5 offset $6";

    private final Pool pool;

    public Reports(Pool pool) {
        this.pool = pool;
    }

    public Uni<CsatReport.Report> csat(String portalId, ReportPeriod period, UUID surveyId) {
        return pool.preparedQuery(OBSERVATIONS).execute(period(portalId, period, surveyId)).map(rows -> {
            List<Observation> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(observation(r)));
            return CsatReport.compute(out, period.zone());
        });
    }

    public Uni<AnswerPage> answers(String portalId, ReportPeriod period, UUID surveyId, int page, int size) {
        Tuple where = period(portalId, period, surveyId);
        Uni<Long> total = pool.preparedQuery("select count(*) from survey_response where" + PERIOD).execute(where)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Answer>> items = pool.preparedQuery(ANSWERS)
                .execute(period(portalId, period, surveyId).addInteger(size).addLong((long) page * size))
                .map(rows -> {
                    List<Answer> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(answer(r)));
                    return out;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(t -> new AnswerPage(t.getItem1(), page, size, t.getItem2()));
    }

    /** An agent's view of a conversation's answers (for the thread shown later than the live frame). */
    public Uni<List<Answer>> ofConversation(String portalId, String conversationId) {
        return pool.preparedQuery("select id, survey_id, conversation_id, chatflow_id, agent_ids, team_id, scale,"
                        + " score, comment, invited_at, answered_at from survey_response"
                        + " where portal_id = $1 and conversation_id = $2 order by answered_at, id")
                .execute(Tuple.of(portalId, conversationId)).map(rows -> {
                    List<Answer> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(answer(r)));
                    return out;
                });
    }

    private static Tuple period(String portalId, ReportPeriod period, UUID surveyId) {
        return Tuple.of(portalId, period.start().atOffset(ZoneOffset.UTC), period.end().atOffset(ZoneOffset.UTC),
                surveyId);
    }

    private static Observation observation(Row r) {
        return new Observation(r.getOffsetDateTime("invited_at").toInstant(), Scale.valueOf(r.getString("scale")),
                r.getString("chatflow_id"), r.getString("team_id"),
                SurveyConversation.split(r.getString("agent_ids")), r.getInteger("score"));
    }

    private static Answer answer(Row r) {
        Scale scale = Scale.valueOf(r.getString("scale"));
        int score = r.getInteger("score");
        return new Answer(r.getUUID("id"), r.getUUID("survey_id"), r.getString("conversation_id"),
                r.getString("chatflow_id"), SurveyConversation.split(r.getString("agent_ids")),
                r.getString("team_id"), scale.name(), score, scale.satisfied(score), r.getString("comment"),
                r.getOffsetDateTime("invited_at").toInstant(), r.getOffsetDateTime("answered_at").toInstant());
    }
}
