package dev.parley.survey.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One SurveyInvited sent for a conversation (round 1, or 2 after a reopen). */
@Entity
@Table(name = "survey_invitation")
public class Invitation {

    @Id
    public UUID id;
    public String portalId;
    public String conversationId;
    public int round;
    public UUID surveyId;
    public String chatflowId;
    public String scale;
    public String agentIds;
    public String teamId;
    public Instant invitedAt;
    public Instant expiresAt;
    public boolean answered;
}
