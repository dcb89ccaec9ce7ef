package dev.parley.survey.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accepted answer, with what it is reported by (conversation, chatflow, agents, team). */
@Entity
@Table(name = "survey_response")
public class SurveyResponse {

    @Id
    public UUID id;
    public String portalId;
    public UUID invitationId;
    public UUID surveyId;
    public String conversationId;
    public String chatflowId;
    public String agentIds;
    public String teamId;
    public String scale;
    public int score;
    public String comment;
    public String visitorId;
    public Instant invitedAt;
    public Instant answeredAt;
    public boolean erased;
}
