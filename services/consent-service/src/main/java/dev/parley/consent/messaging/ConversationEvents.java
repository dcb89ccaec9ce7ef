package dev.parley.consent.messaging;

import dev.parley.consent.service.Ledger;
import dev.parley.consent.service.Links;
import dev.parley.consent.service.Outcome;
import dev.parley.consent.service.Refusals;
import dev.parley.consent.service.Submission;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.events.ConsentSubmitted;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.contracts.events.VisitorIdentified;
import dev.parley.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * parley.conversations.v1 → the ledger: in-chat consent answers become entries; captured or proven emails link a
 * visitor to a contact. A refused answer (a text hash the chatflow version did not show, oversize fields) is
 * counted and skipped — replaying it could only be refused again, so it does not belong in the dead-letter topic. A
 * chatflow version not yet in the local catalog is retried (the catalog may lag behind the chat) and dead-lettered
 * only if it never arrives.
 */
@ApplicationScoped
public class ConversationEvents {

    static final String CONSUMER = "consent-service/conversations";
    private static final Logger LOG = Logger.getLogger(ConversationEvents.class);
    private static final int MAX_ID = 200;
    private static final int MAX_EMAIL = 320;

    private final ProcessedEvents processed;
    private final Ledger ledger;
    private final Refusals refusals;

    public ConversationEvents(ProcessedEvents processed, Ledger ledger, Refusals refusals) {
        this.processed = processed;
        this.ledger = ledger;
        this.refusals = refusals;
    }

    @Incoming("conversations")
    public Uni<Void> onConversationEvent(String json) {
        return json == null ? Uni.createFrom().voidItem() : processed.consume(CONSUMER, json, this::apply);
    }

    private Uni<Void> apply(ParleyEvent event) {
        if (event instanceof ConsentSubmitted c) {
            return consent(c);
        }
        if (event instanceof EmailCaptured e && fits(e.visitorId(), e.email())) {
            return Links.link(e.portalId(), e.visitorId(), e.email());
        }
        if (event instanceof VisitorIdentified v && v.contactEmail() != null && fits(v.visitorId(), v.contactEmail())) {
            return Links.link(v.portalId(), v.visitorId(), v.contactEmail());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> consent(ConsentSubmitted c) {
        String oversize = oversize(c);
        if (oversize != null) {
            return refuse(c, oversize, "too long");
        }
        String channel = c.channel() == null ? "WEB" : c.channel();
        Submission s = new Submission(c.portalId(), c.visitorId(), c.contactEmail(), c.chatflowId(),
                c.chatflowVersion(), c.kind(), c.granted(), c.textHash(), c.language(), c.subscriptionType(),
                channel, Submission.CHAT, c.conversationId(), null, null);
        return ledger.append(s).chain(outcome -> {
            if (outcome instanceof Outcome.Refused r) {
                return refuse(c, r.field(), r.reason());
            }
            if (outcome instanceof Outcome.UnknownVersion u) {
                // Retryable: ProcessedEvents pauses and tries again while the chatflow catalog catches up.
                throw new IllegalStateException("chatflow " + u.chatflowId() + " version " + u.version()
                        + " is not in the catalog yet");
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> refuse(ConsentSubmitted c, String field, String reason) {
        refusals.count(Submission.CHAT, field);
        LOG.warnf("ConsentSubmitted %s of portal %s refused (%s: %s)", c.eventId(), c.portalId(), field, reason);
        return Uni.createFrom().voidItem();
    }

    private static String oversize(ConsentSubmitted c) {
        if (c.visitorId() == null || c.chatflowId() == null || !fits(c.visitorId(), c.contactEmail())) {
            return "visitorId";
        }
        if (c.chatflowId().length() > 64 || (c.conversationId() != null && c.conversationId().length() > 64)) {
            return "chatflowId";
        }
        if (c.language() != null && c.language().length() > 16) {
            return "language";
        }
        if (c.channel() != null && c.channel().length() > 32) {
            return "channel";
        }
        return c.subscriptionType() != null && c.subscriptionType().length() > MAX_ID ? "subscriptionType" : null;
    }

    private static boolean fits(String visitorId, String email) {
        return visitorId != null && visitorId.length() <= MAX_ID && (email == null || email.length() <= MAX_EMAIL);
    }
}
