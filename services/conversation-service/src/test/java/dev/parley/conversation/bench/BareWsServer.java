package dev.parley.conversation.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The baseline of the idle-connection benchmark: a bare Vert.x (the version Quarkus brings) WebSocket server on
 * {@code /ws/visitor} that accepts every handshake and echoes text frames; no per-socket state of its own. Same
 * number of event loops as Quarkus (Vert.x default, 2 × cores). Usage: {@code BareWsServer <port>}.
 */
public final class BareWsServer {

    private BareWsServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .webSocketHandler(ws -> {
                    if (!"/ws/visitor".equals(ws.path())) {
                        ws.reject(404);
                        return;
                    }
                    ws.textMessageHandler(ws::writeTextMessage);
                })
                .listen()
                .onSuccess(s -> System.out.println("bare Vert.x WebSocket server on " + s.actualPort()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
