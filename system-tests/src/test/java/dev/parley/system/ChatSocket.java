package dev.parley.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A widget's or an agent's socket to conversation-service (JDK client, no Origin header: a non-browser client).
 */
final class ChatSocket implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    /** The visitor's socket, authenticated by the visitor token in the query. */
    static ChatSocket visitor(String baseUrl, String token) {
        return new ChatSocket(URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/visitor?token=" + token));
    }

    /** An agent's socket, authenticated by its first frame ({@code auth} with the OIDC access token). */
    static ChatSocket agent(String baseUrl, String accessToken) {
        ChatSocket socket = new ChatSocket(URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/agent"));
        socket.call("auth", "{\"type\":\"auth\",\"token\":\"" + accessToken + "\",\"ref\":\"auth\"}");
        return socket;
    }

    private ChatSocket(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).join();
    }

    /** Sends a frame and returns the answer carrying the same {@code ref}. */
    JsonNode call(String ref, String frame) {
        socket.sendText(frame, true).join();
        return await(f -> ref.equals(f.path("ref").asText()), Duration.ofSeconds(20));
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : frames) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no matching frame within " + timeout + "; got " + frames);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
