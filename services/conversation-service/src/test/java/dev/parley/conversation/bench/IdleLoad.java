package dev.parley.conversation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One load-generator process of the idle-connection benchmark (benchmarks/conversation-service/idle.sh): opens
 * {@code --sockets} visitor WebSockets to {@code 127.0.0.1:--port} from the loopback source address {@code --source}
 * (127.0.0.x, so several processes do not share one ephemeral-port range), at most {@code --rate} per second and 256
 * handshakes in flight, and holds them without sending anything (with {@code --hello}: one {@code hello} frame each,
 * then silence). Visitor tokens come from {@code POST /api/v1/widget/sessions} on {@code --sessions-port}, one
 * session per {@code --per-visitor} sockets (the service's sockets-per-visitor limit). Writes its counters to
 * {@code --status} every second and exits after {@code --hold-seconds} at the latest.
 */
public final class IdleLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdleLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        a.putIfAbsent("hello", "false");
        String source = a.getOrDefault("source", "127.0.0.1");
        int port = Integer.parseInt(a.get("port"));
        int sockets = Integer.parseInt(a.get("sockets"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "250"));
        int perVisitor = Integer.parseInt(a.getOrDefault("per-visitor", "10"));
        boolean hello = Boolean.parseBoolean(a.get("hello"));
        long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(a.getOrDefault("hold-seconds",
                "900")));
        Path status = Path.of(a.get("status"));
        int sessionsPort = Integer.parseInt(a.get("sessions-port"));
        String chatflowId = a.get("chatflow");

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        long began = System.nanoTime();
        List<String> tokens = mint(vertx, source, sessionsPort, chatflowId, (sockets + perVisitor - 1) / perVisitor);
        long minted = System.nanoTime();

        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(source)
                .setMaxConnections(sockets + 16).setConnectTimeout(10_000));
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<WebSocket> open = java.util.Collections.synchronizedList(new ArrayList<>(sockets));
        long start = System.nanoTime();
        long openDeadline = start + TimeUnit.SECONDS.toNanos(sockets / Math.max(1, rate) + 60L);
        for (int i = 0; i < sockets && System.nanoTime() < openDeadline; i++) {
            long due = start + i * 1_000_000_000L / rate;
            while (System.nanoTime() < due || inFlight.get() >= 256) {
                LockSupport.parkNanos(200_000);
                if (System.nanoTime() > openDeadline) {
                    break;
                }
            }
            inFlight.incrementAndGet();
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                    .setAllowOriginHeader(false).setURI("/ws/visitor?token=" + tokens.get(i / perVisitor));
            client.connect(o).onComplete(ar -> {
                inFlight.decrementAndGet();
                if (ar.failed()) {
                    failed.incrementAndGet();
                    if (errors.size() < 5) {
                        errors.add(ar.cause().toString());
                    }
                    return;
                }
                WebSocket ws = ar.result();
                open.add(ws);
                opened.incrementAndGet();
                ws.closeHandler(v -> closed.incrementAndGet());
                AtomicInteger seen = new AtomicInteger();
                ws.textMessageHandler(t -> {
                    if (t.contains("\"ref\":\"h\"") && seen.getAndIncrement() == 0) {
                        answered.incrementAndGet();
                    }
                });
                if (hello) {
                    ws.writeTextMessage("{\"type\":\"hello\",\"ref\":\"h\"}");
                }
            });
        }
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((inFlight.get() > 0 || (hello && answered.get() < opened.get() - closed.get()))
                && System.nanoTime() < settle) {
            Thread.sleep(20);
        }
        long done = System.nanoTime();
        System.out.printf("%s: %d sessions in %.1f s; %d sockets opened, %d failed in %.1f s%s%n", source,
                tokens.size(), (minted - began) / 1e9, opened.get(), failed.get(), (done - start) / 1e9,
                errors.isEmpty() ? "" : "; first errors " + errors);
        while (System.nanoTime() < holdUntil) {
            String line = "opened=" + opened.get() + " failed=" + failed.get() + " closed=" + closed.get()
                    + " answered=" + answered.get() + " inflight=" + inFlight.get() + " ready="
                    + (inFlight.get() == 0) + "\n";
            Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
            Files.writeString(tmp, line);
            Files.move(tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(1000);
        }
        System.out.println(source + ": hold time over, exiting");
        System.exit(0);
    }

    /** {@code count} widget sessions (Connection: close, so no HTTP connection stays open on the server). */
    static List<String> mint(Vertx vertx, String source, int port, String chatflowId, int count) throws Exception {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(source).setKeepAlive(false)
                .setDefaultHost("127.0.0.1").setDefaultPort(port));
        String body = "{\"portalId\":\"demo\",\"chatflowId\":\"" + chatflowId + "\"}";
        List<String> tokens = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (tokens.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + tokens.size() + " of " + count + " widget sessions");
            }
            try {
                Buffer reply = http.request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setURI("/api/v1/widget/sessions").putHeader("Content-Type", "application/json"))
                        .compose(r -> r.send(body).compose(resp -> resp.statusCode() == 200 ? resp.body()
                                : resp.body().compose(b -> io.vertx.core.Future.failedFuture(
                                        resp.statusCode() + " " + b))))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                tokens.add(JSON.readTree(reply.toString()).get("token").asText());
            } catch (Exception e) {
                // The chatflow reaches the service's catalog through Kafka: retry until it is there.
                Thread.sleep(200);
            }
        }
        http.close();
        return tokens;
    }
}
