package dev.parley.conversation.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.service.MessageLog.Stored;
import dev.parley.conversation.service.SystemEntries;

/** Server → client frames of PROTOCOL.md. Text travels as JSON data; nothing is ever rendered as HTML here. */
public final class Frames {

    static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {
    }

    static ObjectNode frame(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        return node;
    }

    public static String message(Stored m) {
        ObjectNode f = frame("message");
        f.put("conversationId", m.conversationId());
        f.put("seq", m.seq());
        f.put("sender", m.sender());
        f.put("senderName", m.senderName());
        f.put("text", m.text());
        f.put("sentAt", m.sentAt().toString());
        if (m.clientMsgId() != null) {
            f.put("clientMsgId", m.clientMsgId());
        }
        if (SystemEntries.SENDER.equals(m.sender()) && m.senderId() != null) {
            f.put("kind", m.senderId()); // ASSIGNED, TRANSFERRED, CONSENT, EMAIL_CAPTURED, SURVEY_ANSWERED
        }
        return f.toString();
    }

    public static String ack(String ref, String conversationId, Long seq) {
        ObjectNode f = frame("ack");
        f.put("ref", ref);
        if (conversationId != null) {
            f.put("conversationId", conversationId);
        }
        if (seq != null) {
            f.put("seq", seq);
        }
        return f.toString();
    }

    public static String error(String ref, String code, String message) {
        ObjectNode f = frame("error");
        if (ref != null) {
            f.put("ref", ref);
        }
        f.put("code", code);
        f.put("message", message);
        return f.toString();
    }

    public static String typing(String conversationId, String sender, boolean on) {
        ObjectNode f = frame("typing");
        f.put("conversationId", conversationId);
        f.put("sender", sender);
        f.put("on", on);
        return f.toString();
    }

    public static String read(String conversationId, String reader, long seq) {
        ObjectNode f = frame("read");
        f.put("conversationId", conversationId);
        f.put("reader", reader);
        f.put("seq", seq);
        return f.toString();
    }

    public static String state(String conversationId, String status, Integer queuePosition, Long waitSeconds,
                               String agentName, String agentAvatarUrl) {
        ObjectNode f = frame("state");
        f.put("conversationId", conversationId);
        f.put("status", status);
        if (queuePosition != null) {
            f.put("queuePosition", queuePosition);
        }
        if (waitSeconds != null) {
            f.put("estimatedWaitSeconds", waitSeconds);
        }
        if (agentName != null) {
            ObjectNode agent = f.putObject("agent");
            agent.put("displayName", agentName);
            agent.put("avatarUrl", agentAvatarUrl);
        }
        return f.toString();
    }

    /**
     * For agents only: the conversation moved ({@code ASSIGNED} to another agent, or {@code QUEUED} for a team), with
     * {@code transfer {fromAgentId, toAgentId?, toTeamId?}} so the agent it was taken from can drop it from view.
     */
    public static String transferred(String conversationId, String fromAgentId, String toAgentId, String toTeamId) {
        ObjectNode f = frame("state");
        f.put("conversationId", conversationId);
        f.put("status", toAgentId != null ? "ASSIGNED" : "QUEUED");
        ObjectNode transfer = f.putObject("transfer");
        transfer.put("fromAgentId", fromAgentId);
        transfer.put("toAgentId", toAgentId);
        transfer.put("toTeamId", toTeamId);
        return f.toString();
    }

    public static String prompt(String conversationId, String step, String text, ObjectNode options) {
        ObjectNode f = frame("prompt");
        f.put("conversationId", conversationId);
        f.put("step", step);
        f.put("text", text);
        if (options != null) {
            f.set("options", options);
        }
        return f.toString();
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    public static String pong() {
        return "{\"type\":\"pong\"}";
    }
}
