package dev.parley.conversation.ws;

import dev.parley.conversation.identity.VisitorTokens.Visitor;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code WS /ws/visitor?token=}: the widget's socket. The handshake was checked by {@link VisitorUpgradeCheck}.
 * Frames are handed over concurrently and handled one at a time in arrival order by {@link Peer#inTurn} (the same
 * order websockets-next's serial mode gives, without its per-socket queue).
 */
@WebSocket(path = VisitorUpgradeCheck.PATH, inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class VisitorSocket {

    private final Hub hub;
    private final ChatActions chat;
    private final dev.parley.conversation.service.MessageLog log;
    private final VisitorSteps steps;
    private final int maxSockets;

    public VisitorSocket(Hub hub, ChatActions chat, VisitorSteps steps,
                         dev.parley.conversation.service.MessageLog log,
                         @org.eclipse.microprofile.config.inject.ConfigProperty(
                                 name = "parley.limits.sockets-per-visitor", defaultValue = "10") int maxSockets) {
        this.log = log;
        this.maxSockets = maxSockets;
        this.hub = hub;
        this.chat = chat;
        this.steps = steps;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        // the peer keeps the visitor from here on; userData would hold a second reference for the socket's lifetime
        Visitor v = connection.userData().remove(VisitorUpgradeCheck.VISITOR);
        if (v == null) {
            return connection.close();
        }
        if (hub.sockets(v.portalId(), v.visitorId()) >= maxSockets) {
            // One widget tab = one socket; a visitor opening dozens is a runaway script or an attack.
            return connection.sendText(Frames.error(null, "rate_limited", "too many sockets for this visitor"))
                    .chain(() -> connection.close());
        }
        hub.add(new Peer(connection, v, log));
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    Uni<Void> frame(String text, WebSocketConnection connection) {
        Peer peer = hub.peer(connection.id()).orElse(null);
        if (peer == null) {
            return Uni.createFrom().voidItem();
        }
        return peer.inTurn(() -> handle(peer, text));
    }

    private Uni<Void> handle(Peer peer, String text) {
        if (text.length() > ChatActions.MAX_FRAME_CHARS) {
            return ChatActions.send(peer, Frames.error(null, "too_large", "frames are limited to 16 KB"));
        }
        Frame frame;
        try {
            frame = Frame.parse(text);
        } catch (Frame.Bad bad) {
            return ChatActions.send(peer, Frames.error(null, bad.code, bad.getMessage()));
        }
        Visitor visitor = peer.visitor;
        return ChatActions.guarded(peer, frame.ref, Uni.createFrom().deferred(() -> switch (frame.type) {
            case "start" -> steps.start(peer, visitor, frame);
            case "consent" -> steps.consent(peer, visitor, frame);
            case "email" -> steps.email(peer, visitor, frame);
            case "surveyAnswer" -> steps.surveyAnswer(peer, visitor, frame);
            default -> chat.common(peer, frame);
        }));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.remove(connection.id());
    }
}
