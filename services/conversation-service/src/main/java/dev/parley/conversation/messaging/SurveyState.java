package dev.parley.conversation.messaging;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.contracts.events.SurveyInvited;
import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.conversation.ws.Ephemeral;
import dev.parley.conversation.ws.Frames;
import dev.parley.conversation.ws.Hub;
import dev.parley.conversation.ws.SurveyFrames;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The durable side of parley.surveys.v1: the conversation's pending survey prompt (resent to a visitor who comes back
 * to the closed conversation) and the thread's "survey answered" entry. One consumer group shared by all instances,
 * from the earliest offset, so an invitation made while every instance restarts is still kept; both writes are
 * idempotent (the prompt is a column, the entry is keyed by the event id); poison → .dlq. The prompt is kept first,
 * then shown (to this instance's sockets and, as an ephemeral frame, to the other instances'), so whoever saw it gets
 * it back after a reconnect. Showing the answer to agents is {@link FanOut}'s part.
 */
@ApplicationScoped
public class SurveyState {

    private final ConversationService conversations;
    private final SystemEntries entries;
    private final Hub hub;
    private final Ephemeral ephemeral;

    public SurveyState(ConversationService conversations, SystemEntries entries, Hub hub, Ephemeral ephemeral) {
        this.conversations = conversations;
        this.entries = entries;
        this.hub = hub;
        this.ephemeral = ephemeral;
    }

    @Incoming("surveys")
    public Uni<Void> consume(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem();
        }
        ParleyEvent event = EventJson.read(json); // unreadable → dead-letter topic
        if (event instanceof SurveyInvited s) {
            String prompt = prompt(s);
            return conversations.rememberSurveyPrompt(s.conversationId(), s.portalId(), prompt).invoke(() -> {
                hub.broadcast(s.portalId(), s.conversationId(), prompt, false);
                ephemeral.publish(s.portalId(), s.conversationId(), prompt);
            });
        }
        if (event instanceof SurveyAnswered a) {
            return entries.record(a);
        }
        return Uni.createFrom().voidItem();
    }

    private static String prompt(SurveyInvited s) {
        return Frames.prompt(s.conversationId(), "SURVEY", s.question(), SurveyFrames.inviteOptions(s));
    }
}
