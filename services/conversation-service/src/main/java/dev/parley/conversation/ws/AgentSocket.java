package dev.parley.conversation.ws;

import dev.parley.contracts.events.AgentConnected;
import dev.parley.contracts.events.AgentDisconnected;
import dev.parley.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code WS /ws/agent}: agents' inbox socket. Authenticated by the handshake's bearer subprotocol or by a first
 * {@code {"type":"auth","token":"..."}} frame (verified by the same OIDC configuration as the REST API); until then
 * every other frame gets {@code error unauthorized}. Reports presence (AgentConnected / AgentDisconnected).
 */
@WebSocket(path = "/ws/agent")
public class AgentSocket {

    private final Hub hub;
    private final ChatActions chat;
    private final dev.parley.conversation.service.MessageLog log;
    private final TenantIdentityProvider oidc;
    private final Outbox outbox;
    private final String instanceId;

    public AgentSocket(Hub hub, ChatActions chat, TenantIdentityProvider oidc, Outbox outbox, Ephemeral ephemeral,
                       dev.parley.conversation.service.MessageLog log) {
        this.log = log;
        this.hub = hub;
        this.chat = chat;
        this.oidc = oidc;
        this.outbox = outbox;
        this.instanceId = ephemeral.instanceId();
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        SecurityIdentity identity = connection.userData().get(AgentUpgradeCheck.IDENTITY);
        return identity == null ? Uni.createFrom().voidItem() : authenticated(connection, identity, null);
    }

    @OnTextMessage
    Uni<Void> frame(String text, WebSocketConnection connection) {
        var peer = hub.peer(connection.id());
        if (text.length() > ChatActions.MAX_FRAME_CHARS) {
            return connection.sendText(Frames.error(null, "too_large", "frames are limited to 16 KB"));
        }
        Frame frame;
        try {
            frame = Frame.parse(text);
        } catch (Frame.Bad bad) {
            return connection.sendText(Frames.error(null, bad.code, bad.getMessage()));
        }
        if (peer.isEmpty()) {
            return "auth".equals(frame.type) ? auth(connection, frame)
                    : connection.sendText(Frames.error(frame.ref, "unauthorized", "send an auth frame first"));
        }
        return ChatActions.guarded(peer.get(), frame.ref, Uni.createFrom().deferred(() -> switch (frame.type) {
            case "auth" -> ChatActions.send(peer.get(), Frames.ack(frame.ref, null, null));
            case "start", "consent", "email", "surveyAnswer" -> ChatActions.send(peer.get(),
                    Frames.error(frame.ref, "forbidden", "a visitor's frame"));
            default -> chat.common(peer.get(), frame);
        }));
    }

    private Uni<Void> auth(WebSocketConnection connection, Frame frame) {
        String token;
        try {
            token = frame.str("token");
        } catch (Frame.Bad bad) {
            return connection.sendText(Frames.error(frame.ref, "unauthorized", "auth needs a token"));
        }
        return oidc.authenticate(new AccessTokenCredential(token))
                .onFailure().recoverWithNull()
                .chain(identity -> identity == null || identity.isAnonymous()
                        ? connection.sendText(Frames.error(frame.ref, "unauthorized", "invalid token"))
                        : authenticated(connection, identity, frame.ref));
    }

    private Uni<Void> authenticated(WebSocketConnection connection, SecurityIdentity identity, String ref) {
        String portalId = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("portal_id") != null
                ? jwt.getClaim("portal_id").toString() : null;
        boolean admin = identity.hasRole("admin");
        if (portalId == null || !(admin || identity.hasRole("agent"))) {
            return connection.sendText(Frames.error(ref, "forbidden", "an agent of a portal only"))
                    .chain(() -> connection.close());
        }
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject()
                : identity.getPrincipal().getName();
        String name = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("name") != null
                ? jwt.getClaim("name").toString() : subject;
        hub.add(new Peer(connection, Peer.Role.AGENT, portalId, subject, name, admin, log));
        return Panache.withTransaction(() -> outbox.stage(AgentConnected.of(portalId, subject, instanceId,
                        connection.id())))
                .chain(() -> ref == null ? Uni.createFrom().voidItem()
                        : connection.sendText(Frames.ack(ref, null, null)));
    }

    @OnClose
    Uni<Void> close(WebSocketConnection connection) {
        var peer = hub.peer(connection.id());
        hub.remove(connection.id());
        return peer.map(p -> Panache.withTransaction(() -> outbox.stage(AgentDisconnected.of(p.portalId, p.subject,
                instanceId, connection.id())))).orElse(Uni.createFrom().voidItem());
    }
}
