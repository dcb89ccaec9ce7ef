package dev.parley.conversation.service;

import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConsentSubmitted;
import dev.parley.contracts.events.ConversationAssigned;
import dev.parley.contracts.events.ConversationTransferred;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.contracts.events.SurveyAnswered;
import dev.parley.conversation.service.ConversationService.Post;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * System entries of a thread: what happened besides messages (assigned, transferred, consent given, email captured,
 * survey answered), stored as messages of sender {@code SYSTEM} with their own seq, so the inbox API's thread and
 * every agent socket show them in order with the messages. {@code senderId} names the kind. Each entry is derived
 * from the event that announced the fact and stored once per event (the event id is its clientMsgId), so a
 * redelivered event, or several instances seeing the same broadcast, store it once. Agents see them; visitors'
 * sockets pass over them (they carry agents' names and internal facts).
 */
@ApplicationScoped
public class SystemEntries {

    public static final String SENDER = "SYSTEM";
    private static final Logger LOG = Logger.getLogger(SystemEntries.class);

    private final ConversationService conversations;

    public SystemEntries(ConversationService conversations) {
        this.conversations = conversations;
    }

    /** The entry an event makes, or nothing when the event is not one the thread shows. */
    public Uni<Void> record(ParleyEvent event) {
        Entry entry = entry(event);
        return entry == null ? Uni.createFrom().voidItem()
                : note(event, entry.conversationId(), entry.kind(), entry.text());
    }

    /** Stores an entry of {@code kind} caused by {@code event} in one conversation, once per event. */
    public Uni<Void> note(ParleyEvent event, String conversationId, String kind, String text) {
        Post post = new Post(conversationId, SENDER, kind, "Parley", "event:" + event.eventId(), text);
        return conversations.post(post, c -> c.portalId().equals(event.portalId()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onItem().invoke(posted -> {
                    if (posted.refused()) {
                        LOG.debugf("no %s entry for %s: %s", kind, conversationId, posted.refusal());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("the %s entry of %s was not stored: %s", kind, conversationId,
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    record Entry(String conversationId, String kind, String text) {
    }

    static Entry entry(ParleyEvent event) {
        if (event instanceof ConversationAssigned a) {
            String name = a.agentDisplayName() == null ? a.agentId() : a.agentDisplayName();
            return new Entry(a.conversationId(), "ASSIGNED", "Assigned to " + name
                    + (a.forced() ? " (forced by an admin)" : ""));
        }
        if (event instanceof ConversationTransferred t) {
            String to = t.toAgentId() != null ? "agent " + t.toAgentId() : "team " + t.toTeamId();
            return new Entry(t.conversationId(), "TRANSFERRED", "Transferred to " + to
                    + (t.transferredBy() == null ? "" : " by " + t.transferredBy()));
        }
        if (event instanceof ConsentSubmitted c) {
            String what = switch (c.kind()) {
                case "PROCESSING" -> "Consent to process data (" + c.basis() + ")";
                case "COMMUNICATION" -> "Consent to communicate"
                        + (c.subscriptionType() == null ? "" : " (" + c.subscriptionType() + ")");
                default -> "Cookie consent";
            };
            return new Entry(c.conversationId(), "CONSENT", what + (c.granted() ? ": given" : ": declined"));
        }
        if (event instanceof EmailCaptured e) {
            return new Entry(e.conversationId(), "EMAIL_CAPTURED", "Email address left: " + e.email());
        }
        if (event instanceof SurveyAnswered s) {
            return new Entry(s.conversationId(), "SURVEY_ANSWERED", "Survey answered: " + s.score()
                    + (s.comment() == null ? "" : " \u2014 " + s.comment()));
        }
        return null;
    }
}
