package dev.parley.conversation.messaging;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.contracts.events.SurveyInvited;
import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.conversation.ws.Ephemeral;
import dev.parley.conversation.ws.Frames;
import dev.parley.conversation.ws.Hub;
import dev.parley.conversation.ws.SurveyFrames;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The durable side of parley.surveys.v1: the conversation's pending survey prompt (resent to a visitor who comes back
 * to the closed conversation) and the thread's "survey answered" entry. One consumer group shared by all instances,
 * from the earliest offset, so an invitation made while every instance restarts is still kept; both writes are
 * idempotent (the prompt is a column, the entry is keyed by the event id) and transient failures are retried by the
 * kit's processed-event log; poison → .dlq. The prompt is kept first, then shown (to this instance's sockets and, as
 * an ephemeral frame, to the other instances'), so whoever saw it gets it back after a reconnect. Showing the answer
 * to agents is {@link FanOut}'s part.
 */
@ApplicationScoped
public class SurveyState {

    private static final Duration SHOW_FOR = Duration.ofHours(1);

    private final ConversationService conversations;
    private final SystemEntries entries;
    private final Hub hub;
    private final Ephemeral ephemeral;
    private final ProcessedEvents processed;

    public SurveyState(ConversationService conversations, SystemEntries entries, Hub hub, Ephemeral ephemeral,
                       ProcessedEvents processed) {
        this.processed = processed;
        this.conversations = conversations;
        this.entries = entries;
        this.hub = hub;
        this.ephemeral = ephemeral;
    }

    @Incoming("surveys")
    public Uni<Void> consume(String json) {
        return json == null ? Uni.createFrom().voidItem()
                : processed.consume("survey-state", json, this::keep, this::after);
    }

    /** In the processed-event transaction (retried on transient failures, once per event): the prompt is kept. */
    private Uni<Void> keep(ParleyEvent event) {
        return event instanceof SurveyInvited s
                ? conversations.rememberSurveyPrompt(s.conversationId(), s.portalId(), prompt(s))
                : Uni.createFrom().voidItem();
    }

    /**
     * After that commit: the kept prompt is shown (here, and to the other instances as an ephemeral frame) unless it
     * is older than a chat stays open in a tab — a group reading from the earliest offset does not re-show old
     * prompts; the answer's thread entry is written once per event.
     */
    private Uni<Void> after(ParleyEvent event) {
        if (event instanceof SurveyInvited s) {
            if (s.occurredAt() == null || s.occurredAt().isAfter(Instant.now().minus(SHOW_FOR))) {
                String prompt = prompt(s);
                hub.broadcast(s.portalId(), s.conversationId(), prompt, false);
                ephemeral.publish(s.portalId(), s.conversationId(), prompt);
            }
        } else if (event instanceof SurveyAnswered a) {
            return entries.record(a);
        }
        return Uni.createFrom().voidItem();
    }

    private static String prompt(SurveyInvited s) {
        return Frames.prompt(s.conversationId(), "SURVEY", s.question(), SurveyFrames.inviteOptions(s));
    }
}
