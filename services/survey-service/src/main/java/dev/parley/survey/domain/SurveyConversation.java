package dev.parley.survey.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What survey-service knows of one conversation: its chatflow, visitor, handling agents and invitation history. */
@Entity
@Table(name = "survey_conversation")
public class SurveyConversation {

    @Id
    public String conversationId;
    public String portalId;
    public String chatflowId;
    public String visitorId;
    public String contactEmail;
    public String teamId;
    public String agentIds = "";
    public int invitations;
    public boolean reopenedSinceInvitation;
    public Instant updatedAt;

    public List<String> agents() {
        return split(agentIds);
    }

    /** Adds an agent who handled the conversation, once (in the order learned: routing and close race). */
    public void handledBy(String agentId) {
        agentIds = withAgent(agentIds, agentId);
    }

    /** {@code joined} with {@code agentId} appended unless it is already there. */
    public static String withAgent(String joined, String agentId) {
        List<String> all = new ArrayList<>(split(joined));
        if (agentId == null || agentId.isBlank() || all.contains(agentId)) {
            return joined == null ? "" : joined;
        }
        all.add(agentId);
        return String.join(",", all);
    }

    public static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
