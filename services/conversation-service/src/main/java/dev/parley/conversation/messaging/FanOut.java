package dev.parley.conversation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.ConversationUnassigned;
import dev.parley.contracts.events.MessagePosted;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.conversation.service.MessageLog.Stored;
import dev.parley.conversation.ws.Ephemeral;
import dev.parley.conversation.ws.Frames;
import dev.parley.conversation.ws.Hub;
import dev.parley.conversation.ws.StateFrames;
import dev.parley.conversation.ws.SurveyFrames;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Broadcast consumers: every instance reads parley.conversations.v1, parley.routing.v1 and parley.surveys.v1 in its
 * own consumer group ({@code conversation-service-<instance id>}, from the latest offset) and hands what concerns its
 * sockets to the {@link Hub}. Nothing here is stored: the database is the source of truth, replay and gap filling
 * read it, so a record this instance never sees costs at most a sweep interval, never a message.
 */
@ApplicationScoped
public class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class);
    private static final String EPHEMERAL = "\"" + Ephemeral.TYPE + "\"";

    private final Hub hub;
    private final StateFrames states;
    private final String instanceId;

    public FanOut(Hub hub, StateFrames states, Ephemeral ephemeral) {
        this.hub = hub;
        this.states = states;
        this.instanceId = ephemeral.instanceId();
    }

    /**
     * One poll's records at a time ({@code batch=true}): every instance reads every conversation event, and the
     * per-record cost of the messaging layer (a message, its context, its acknowledgement) was most of this
     * consumer's CPU. Handed to the sockets in the records' order.
     */
    @Incoming("fanout-conversations")
    public Uni<Void> conversations(List<String> records) {
        for (String json : records) {
            conversation(json);
        }
        return Uni.createFrom().voidItem();
    }

    private void conversation(String json) {
        if (json == null) {
            return;
        }
        try {
            if (json.contains(EPHEMERAL)) {
                ephemeral(Frames.readTree(json));
                return;
            }
            ParleyEvent event = EventJson.read(json);
            if (event instanceof MessagePosted m) {
                hub.message(m.portalId(), new Stored(m.conversationId(), m.seq(), m.messageId(), m.clientMsgId(),
                        m.sender(), m.senderId(), m.senderName(), m.text(), m.sentAt()));
            } else if (event instanceof ConversationClosed c) {
                hub.broadcast(c.portalId(), c.conversationId(), Frames.state(c.conversationId(), "CLOSED", null,
                        null, null, null), true);
            } else if (event instanceof ConversationReopened r) {
                hub.broadcast(r.portalId(), r.conversationId(), Frames.state(r.conversationId(), "OPEN", null,
                        null, null, null), true);
            }
        } catch (RuntimeException e) {
            LOG.warnf("fan-out skips a record it cannot read: %s", e.getMessage());
        }
    }

    private void ephemeral(JsonNode event) {
        if (instanceId.equals(event.path("origin").asText())) {
            return;
        }
        hub.broadcast(event.path("portalId").asText(), event.path("conversationId").asText(),
                event.path("frame").asText(), false);
    }

    @Incoming("fanout-routing")
    public Uni<Void> routing(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            ParleyEvent event = EventJson.read(json);
            if (event instanceof ConversationAssigned a) {
                hub.assigned(a.conversationId(), a.agentId());
                return states.assigned(a);
            } else if (event instanceof ConversationQueued q) {
                return states.queued(q);
            } else if (event instanceof ConversationUnassigned u) {
                hub.assigned(u.conversationId(), null);
                hub.broadcast(u.portalId(), u.conversationId(), Frames.state(u.conversationId(), "QUEUED", null,
                        null, null, null), true);
            } else if (event instanceof ConversationTransferred t) {
                // Told to the agents who see it before the move (the one it is taken from among them).
                hub.toAgents(t.portalId(), t.conversationId(), Frames.transferred(t.conversationId(),
                        t.fromAgentId(), t.toAgentId(), t.toTeamId()));
                hub.assigned(t.conversationId(), t.toAgentId());
            }
        } catch (RuntimeException e) {
            LOG.warnf("fan-out skips a routing record it cannot read: %s", e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }

    @Incoming("fanout-surveys")
    public Uni<Void> surveys(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            ParleyEvent event = EventJson.read(json);
            if (event instanceof SurveyAnswered a) {
                hub.toAgents(a.portalId(), a.conversationId(), SurveyFrames.answer(a));
            } // SurveyInvited: SurveyState keeps the prompt, then shows it everywhere
        } catch (RuntimeException e) {
            LOG.warnf("fan-out skips a survey record it cannot read: %s", e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }
}
