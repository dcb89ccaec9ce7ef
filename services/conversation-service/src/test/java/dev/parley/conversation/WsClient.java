package dev.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A plain JDK WebSocket client that records every frame it receives (as JSON), for tests. */
public final class WsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    /** Optional: sees every frame with its arrival time (System.nanoTime), for latency measurements. */
    public volatile java.util.function.BiConsumer<JsonNode, Long> listener;
    /** False: frames go only to the listener (a benchmark's hundred thousand frames would make {@link #frames} slow). */
    public volatile boolean keepFrames = true;
    /** Set: gets every frame as text, unparsed (a benchmark's load generator must not spend the CPU it measures). */
    public volatile java.util.function.BiConsumer<String, Long> rawListener;
    private final WebSocket socket;
    private volatile boolean closed;

    private WsClient(URI uri, String subprotocol, String origin) {
        var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri, null, null);
    }

    public static WsClient connect(URI uri, String subprotocol, String origin) {
        return new WsClient(uri, subprotocol, origin);
    }

    /** Connects, or returns the failure (a refused handshake). */
    public static Throwable refusal(URI uri, String origin) {
        try {
            new WsClient(uri, null, origin).close();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    public void send(String frame) {
        synchronized (socket) {
            socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    public boolean isOpen() {
        return !closed && !socket.isInputClosed();
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode f : frames) {
                if (match.test(f)) {
                    return f;
                }
            }
            sleep();
        }
        throw new AssertionError("no matching frame within " + timeout + "; got " + frames);
    }

    public List<JsonNode> ofType(String type) {
        List<JsonNode> out = new ArrayList<>();
        frames.forEach(f -> {
            if (type.equals(f.path("type").asText())) {
                out.add(f);
            }
        });
        return out;
    }

    static Predicate<JsonNode> type(String type) {
        return f -> type.equals(f.path("type").asText());
    }

    static Predicate<JsonNode> ref(String type, String ref) {
        return f -> type.equals(f.path("type").asText()) && ref.equals(f.path("ref").asText());
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last && closed) {
                // A socket this client gave up on: its late frames must not mix with the next socket's replay.
                partial.setLength(0);
            } else if (last) {
                var raw = rawListener;
                if (raw != null) {
                    raw.accept(partial.toString(), System.nanoTime());
                    partial.setLength(0);
                    ws.request(1);
                    return null;
                }
                try {
                    long at = System.nanoTime();
                    JsonNode frame = JSON.readTree(partial.toString());
                    var l = listener;
                    if (l != null) {
                        l.accept(frame, at);
                    }
                    if (keepFrames) {
                        frames.add(frame);
                    }
                } catch (Exception e) {
                    frames.add(JSON.createObjectNode().put("type", "unparseable").put("raw", partial.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed = true;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed = true;
        }
    }
}
