package dev.parley.conversation.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.conversation.domain.Access;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.service.ConversationService;
import dev.parley.conversation.service.ConversationService.Post;
import dev.parley.conversation.service.MessageLog;
import dev.parley.conversation.service.MessageLog.Stored;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The frames both parties send (hello, message, typing, read, close, ping), shared by the two endpoints. */
@ApplicationScoped
public class ChatActions {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ChatActions.class);

    public static final int MAX_FRAME_CHARS = 16 * 1024;
    static final int MAX_RESUME = 200;

    final ConversationService conversations;
    final MessageLog log;
    final Hub hub;
    final Ephemeral ephemeral;
    private final dev.parley.conversation.service.Snapshots snapshots;

    public ChatActions(ConversationService conversations, MessageLog log, Hub hub, Ephemeral ephemeral,
                       dev.parley.conversation.service.Snapshots snapshots) {
        this.conversations = conversations;
        this.log = log;
        this.hub = hub;
        this.ephemeral = ephemeral;
        this.snapshots = snapshots;
    }

    static Predicate<Conversation> access(Peer peer) {
        return peer.role == Peer.Role.VISITOR ? c -> Access.visitor(c, peer.portalId, peer.subject)
                : c -> Access.agent(c, peer.portalId);
    }

    /** Common frames; false when {@code frame.type} is not one of them. */
    Uni<Void> common(Peer peer, Frame frame) {
        return switch (frame.type) {
            case "ping" -> send(peer, Frames.pong());
            case "hello" -> hello(peer, frame);
            case "message" -> message(peer, frame);
            case "typing" -> typing(peer, frame);
            case "read" -> read(peer, frame);
            case "close" -> close(peer, frame);
            default -> throw new Frame.Bad("bad_frame", "unknown frame type");
        };
    }

    Uni<Void> hello(Peer peer, Frame frame) {
        JsonNode resume = frame.node.path("resume");
        if (!resume.isObject() && !resume.isMissingNode()) {
            throw new Frame.Bad("bad_frame", "resume must be an object of conversationId: lastSeq");
        }
        if (resume.size() > MAX_RESUME) {
            throw new Frame.Bad("bad_frame", "resume at most " + MAX_RESUME + " conversations");
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resume.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0 || e.getKey().length() > 100) {
                throw new Frame.Bad("bad_frame", "resume." + e.getKey() + " must be a non-negative integer");
            }
            entries.add(Map.entry(e.getKey(), e.getValue().asLong()));
        }
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(e -> log.find(e.getKey()).chain(c -> {
                    if (c.isEmpty() || !access(peer).test(c.get())) {
                        peer.sendFrame(Frames.error(frame.ref, "not_found", "no conversation " + e.getKey()));
                        return Uni.createFrom().item(false);
                    }
                    peer.follow(e.getKey(), e.getValue());
                    // A visitor back after the close gets the survey prompt again until they answer it.
                    return peer.role != Peer.Role.VISITOR || !c.get().closed() ? Uni.createFrom().item(true)
                            : log.pendingSurveyPrompt(e.getKey()).invoke(p -> p.ifPresent(peer::sendFrame))
                                    .replaceWith(true);
                }))
                .collect().asList()
                .chain(x -> send(peer, Frames.ack(frame.ref, null, null)));
    }

    Uni<Void> message(Peer peer, Frame frame) {
        String conversationId = frame.str("conversationId");
        String clientMsgId = frame.str("clientMsgId");
        String text = frame.str("text");
        String sender = peer.role == Peer.Role.VISITOR ? "VISITOR" : "AGENT";
        Post post = new Post(conversationId, sender, peer.subject, peer.displayName, clientMsgId, text);
        return conversations.post(post, access(peer)).chain(posted -> {
            if (posted.refused()) {
                return send(peer, Frames.error(frame.ref, posted.refusal(), refusalText(posted.refusal())));
            }
            if (!posted.duplicate()) {
                // Local sockets get it at once; the Kafka copy that follows is dropped by their feeds.
                hub.message(peer.portalId, new Stored(conversationId, posted.seq(), null, clientMsgId, sender,
                        peer.subject, peer.displayName, text, posted.sentAt()));
            }
            if (!peer.follows(conversationId)) { // (following already: the hand-off above delivered it)
                peer.follow(conversationId, 0);
            }
            return send(peer, Frames.ack(frame.ref, conversationId, posted.seq()))
                    .chain(() -> afterFirstMessage(peer, posted));
        });
    }

    /** Email capture configured for "after the first message": asked once, when that message started the chat. */
    Uni<Void> afterFirstMessage(Peer peer, ConversationService.Posted posted) {
        Conversation c = posted.conversation();
        if (c == null || c.started() || peer.role != Peer.Role.VISITOR
                || !dev.parley.conversation.domain.PostPolicy.askEmailAfterFirstMessage(c)) {
            return Uni.createFrom().voidItem();
        }
        return snapshots.settings(c.chatflowId(), c.chatflowVersion()).invoke(s -> s.ifPresent(settings ->
                peer.sendFrame(Frames.prompt(c.id(), "EMAIL_CAPTURE", VisitorSteps.emailPrompt(settings), null))))
                .replaceWithVoid();
    }

    static String refusalText(String code) {
        return switch (code) {
            case "consent_required" -> "the visitor must agree to the processing of their data first";
            case "closed" -> "the conversation is closed";
            case "not_found" -> "no such conversation";
            case "too_large" -> "the text is too long";
            case "rate_limited" -> "too many messages, slow down";
            default -> "the message was refused";
        };
    }

    Uni<Void> typing(Peer peer, Frame frame) {
        String conversationId = frame.str("conversationId");
        boolean on = frame.bool("on");
        return followed(peer, frame, conversationId, c -> {
            String f = Frames.typing(conversationId, peer.role.name(), on);
            hub.broadcast(c.portalId(), conversationId, f, false);
            ephemeral.publish(c.portalId(), conversationId, f);
        });
    }

    Uni<Void> read(Peer peer, Frame frame) {
        String conversationId = frame.str("conversationId");
        long seq = frame.lng("seq");
        return followed(peer, frame, conversationId, c -> {
            String f = Frames.read(conversationId, peer.role.name(), seq);
            hub.broadcast(c.portalId(), conversationId, f, false);
            ephemeral.publish(c.portalId(), conversationId, f);
        });
    }

    private Uni<Void> followed(Peer peer, Frame frame, String conversationId,
                               java.util.function.Consumer<Conversation> then) {
        return log.find(conversationId).chain(c -> {
            if (c.isEmpty() || !access(peer).test(c.get())) {
                return send(peer, Frames.error(frame.ref, "not_found", "no such conversation"));
            }
            then.accept(c.get());
            return Uni.createFrom().voidItem();
        });
    }

    Uni<Void> close(Peer peer, Frame frame) {
        String conversationId = frame.str("conversationId");
        return log.find(conversationId).chain(c -> {
            if (c.isEmpty() || !access(peer).test(c.get())) {
                return send(peer, Frames.error(frame.ref, "not_found", "no such conversation"));
            }
            return conversations.close(conversationId, peer.role.name(), peer.subject)
                    .chain(closed -> send(peer, closed ? Frames.ack(frame.ref, conversationId, null)
                            : Frames.error(frame.ref, "closed", "the conversation is already closed")));
        });
    }

    static Uni<Void> send(Peer peer, String frame) {
        return peer.connection.isOpen() ? peer.connection.sendText(frame) : Uni.createFrom().voidItem();
    }

    /** Runs one frame; a refused frame becomes an error frame on this socket only. */
    static Uni<Void> guarded(Peer peer, String ref, Uni<Void> work) {
        return work.onFailure(Frame.Bad.class).recoverWithUni(e -> send(peer,
                        Frames.error(ref, ((Frame.Bad) e).code, e.getMessage())))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "frame failed on connection %s", peer.connection.id());
                    return send(peer, Frames.error(ref, "internal", "try again"));
                });
    }
}
