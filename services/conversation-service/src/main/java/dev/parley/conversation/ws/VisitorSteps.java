package dev.parley.conversation.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.ParleyEvent;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.events.ConsentSubmitted;
import dev.parley.contracts.events.EmailCaptured;
import dev.parley.contracts.events.SurveyAnswerSubmitted;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.Snapshots;
import dev.parley.conversation.service.SystemEntries;
import dev.parley.kit.messaging.ChatflowCatalog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/** The visitor-only frames: start, and the chatflow steps (consent, email capture, survey answer). */
@ApplicationScoped
public class VisitorSteps {

    private static final Set<String> KINDS = Set.of("COOKIES", "PROCESSING", "COMMUNICATION");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}$");

    private final ConversationService conversations;
    private final Snapshots snapshots;
    private final SystemEntries entries;
    private final ChatflowCatalog catalog;

    public VisitorSteps(ConversationService conversations, Snapshots snapshots, SystemEntries entries,
                        ChatflowCatalog catalog) {
        this.conversations = conversations;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.entries = entries;
    }

    Uni<Void> start(Peer peer, Visitor visitor, Frame frame) {
        String chatflowId = frame.str("chatflowId");
        String pageUrl = frame.optStr("pageUrl");
        return conversations.openOrGet(visitor, chatflowId, pageUrl).chain(found -> {
            if (found.isEmpty()) {
                return ChatActions.send(peer, Frames.error(frame.ref, "not_found", "no such chatflow"));
            }
            Conversation c = found.get();
            return ChatActions.send(peer, Frames.ack(frame.ref, c.id(), c.lastSeq()))
                    .invoke(() -> peer.follow(c.id(), 0))
                    .chain(() -> startPrompts(peer, c));
        });
    }

    /** Consent first (explicit: must agree; legitimate interest: shown), then email when asked before the chat. */
    private Uni<Void> startPrompts(Peer peer, Conversation c) {
        return snapshots.settings(c.chatflowId(), c.chatflowVersion()).invoke(s -> s.ifPresent(settings -> {
            var processing = settings.consent() == null ? null : settings.consent().processing();
            if (processing != null && processing.text() != null && !c.consentGiven()) {
                ObjectNode options = Frames.JSON.createObjectNode();
                options.put("basis", processing.basis());
                options.put("textHash", processing.textHash());
                options.put("answerRequired", c.consentRequired());
                peer.sendFrame(Frames.prompt(c.id(), "CONSENT_PROCESSING", processing.text(), options));
            }
            if ("BEFORE_CHAT".equals(c.emailCaptureMode()) && c.contactEmail() == null) {
                peer.sendFrame(Frames.prompt(c.id(), "EMAIL_CAPTURE", emailPrompt(settings), null));
            }
        })).replaceWithVoid();
    }

    static String emailPrompt(ChatflowSettings s) {
        return s.emailCapture() != null && s.emailCapture().prompt() != null ? s.emailCapture().prompt()
                : "What is your email address?";
    }

    Uni<Void> consent(Peer peer, Visitor visitor, Frame frame) {
        String conversationId = frame.optStr("conversationId");
        String kind = frame.str("kind");
        boolean granted = frame.bool("granted");
        String textHash = frame.str("textHash");
        String subscriptionType = frame.optStr("subscriptionType");
        if (!KINDS.contains(kind)) {
            throw new Frame.Bad("bad_frame", "kind must be COOKIES, PROCESSING or COMMUNICATION");
        }
        if (conversationId == null) {
            return cookieBanner(peer, visitor, frame, kind, granted, textHash);
        }
        AtomicReference<ParleyEvent> staged = new AtomicReference<>();
        return conversations.apply(conversationId, ChatActions.access(peer), c -> {
            Uni<Integer> mark = "PROCESSING".equals(kind) && granted ? conversations.repository()
                    .update("update conversation set consent_given = true where id = ?1", c.id())
                    : Uni.createFrom().item(0);
            String basis = "COOKIES".equals(kind) ? null : c.consentRequired() ? "EXPLICIT" : "LEGITIMATE_INTEREST";
            staged.set(ConsentSubmitted.of(c.portalId(), c.id(), c.visitorId(), c.contactEmail(), c.chatflowId(),
                    c.chatflowVersion(), kind, basis, granted, textHash, null, subscriptionType, "WEB"));
            return mark.chain(() -> conversations.outbox().stage(staged.get()));
        }).call(done -> systemEntry(done, staged)).chain(done -> acked(peer, frame, conversationId, done));
    }

    /**
     * The cookie banner is answered before any chat exists: {@code consent} without a conversationId names the
     * chatflow whose banner was shown ({@code chatflowId}, of the visitor's portal), and its latest published version
     * is the one the text hash is checked against by consent-service. Only COOKIES may come without a conversation.
     */
    private Uni<Void> cookieBanner(Peer peer, Visitor visitor, Frame frame, String kind, boolean granted,
                                   String textHash) {
        if (!"COOKIES".equals(kind)) {
            throw new Frame.Bad("bad_frame", "conversationId is required for " + kind + " consent");
        }
        String chatflowId = frame.str("chatflowId");
        return catalog.latest(visitor.portalId(), chatflowId).chain(found -> {
            if (found.isEmpty() || found.get().deleted()) {
                return ChatActions.send(peer, Frames.error(frame.ref, "not_found", "no such chatflow"));
            }
            ConsentSubmitted event = ConsentSubmitted.of(visitor.portalId(), null, visitor.visitorId(),
                    visitor.contactEmail(), chatflowId, found.get().version(), kind, null, granted, textHash, null,
                    null, "WEB");
            return Panache.withTransaction(() -> conversations.outbox().stage(event))
                    .chain(() -> ChatActions.send(peer, Frames.ack(frame.ref, null, null)));
        });
    }

    /** After the commit: the thread's system entry for what was just staged. */
    private Uni<Void> systemEntry(Optional<Conversation> done, AtomicReference<ParleyEvent> staged) {
        return done.isPresent() && staged.get() != null ? entries.record(staged.get()) : Uni.createFrom().voidItem();
    }

    Uni<Void> email(Peer peer, Visitor visitor, Frame frame) {
        String conversationId = frame.str("conversationId");
        String email = frame.str("email");
        if (!EMAIL.matcher(email).matches()) {
            throw new Frame.Bad("bad_frame", "email is not an email address");
        }
        AtomicReference<ParleyEvent> staged = new AtomicReference<>();
        return conversations.apply(conversationId, ChatActions.access(peer), c -> {
            staged.set(EmailCaptured.of(c.portalId(), c.id(), c.visitorId(), email));
            return conversations.repository()
                    .update("update conversation set email = ?2, email_asked = true where id = ?1", c.id(), email)
                    .chain(() -> conversations.outbox().stage(staged.get()));
        }).call(done -> systemEntry(done, staged)).chain(done -> acked(peer, frame, conversationId, done));
    }

    Uni<Void> surveyAnswer(Peer peer, Visitor visitor, Frame frame) {
        String conversationId = frame.str("conversationId");
        String surveyId = frame.str("surveyId");
        long score = frame.lng("score");
        String comment = frame.optStr("comment");
        if (score > 10 || (comment != null && comment.length() > 2000)) {
            throw new Frame.Bad("bad_frame", "score must be 0..10 and comment at most 2000 characters");
        }
        return conversations.apply(conversationId, ChatActions.access(peer), c -> conversations.repository()
                        .update("update conversation set survey_answered = true where id = ?1", c.id())
                        .chain(() -> conversations.outbox().stage(SurveyAnswerSubmitted.of(c.portalId(), c.id(),
                                surveyId, c.visitorId(), (int) score, comment))))
                .chain(done -> acked(peer, frame, conversationId, done));
    }

    private static Uni<Void> acked(Peer peer, Frame frame, String conversationId, Optional<Conversation> done) {
        return ChatActions.send(peer, done.isPresent() ? Frames.ack(frame.ref, conversationId, null)
                : Frames.error(frame.ref, "not_found", "no such conversation"));
    }
}
