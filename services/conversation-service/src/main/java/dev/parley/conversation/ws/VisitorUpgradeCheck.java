package dev.parley.conversation.ws;

import dev.parley.conversation.identity.VisitorTokens;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The visitor socket's handshake: a valid visitor token ({@code ?token=}) and, when the browser sends an
 * {@code Origin}, one of the portal's allowed origins ({@code parley.widget.allowed-origins."<portalId>"}, a
 * comma-separated list; {@code *} allows any). Refused handshakes get 401/403 and never open a socket.
 *
 * <p>Memory per idle socket (benchmarks/conversation-service/idle.sh): after the check the socket keeps only the
 * {@link Visitor} (portal id interned, visitor id, contact if signed, expiry); not the token, its claims or the
 * handshake request. See {@link #releaseHttpIdentity} for the request itself.
 */
@ApplicationScoped
public class VisitorUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Visitor> VISITOR = new UserData.TypedKey<>("parley.visitor");
    static final String PATH = "/ws/visitor";
    /**
     * Runs after Quarkus's authentication (order -200) and authorization (-100) filters and before the WebSocket
     * endpoint routes (order 0 and up).
     */
    static final int RELEASE_ORDER = -1;

    private final VisitorTokens tokens;
    private final Config config;

    public VisitorUpgradeCheck(VisitorTokens tokens, Config config) {
        this.tokens = tokens;
        this.config = config;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.endsWith("VisitorSocket");
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Optional<Visitor> visitor = tokens.verifyVisitor(queryParam(context.httpRequest().query(), "token"));
        if (visitor.isEmpty()) {
            return CheckResult.rejectUpgrade(401);
        }
        String origin = context.httpRequest().getHeader("Origin");
        if (origin != null && !allowed(visitor.get().portalId(), origin)) {
            return CheckResult.rejectUpgrade(403);
        }
        Visitor v = visitor.get();
        // portal ids repeat across thousands of sockets: one instance each (a signed token's, so a bounded set)
        context.userData().put(VISITOR, new Visitor(v.portalId().intern(), v.visitorId(), v.contactEmail(),
                v.firstName(), v.lastName(), v.expiresAt()));
        return CheckResult.permitUpgrade();
    }

    /**
     * The visitor socket authenticates with its own token (above), never with the HTTP layer's identity, which for
     * a widget is anonymous. websockets-next keeps that identity for the socket's lifetime (to offer it to the
     * endpoint and close the socket when it expires) and with it the whole handshake {@code RoutingContext}:
     * request, response, headers, two more copies of the URL with the token, the routing data map — about 2.5 KB
     * per idle socket. Dropping the HTTP identity from the handshake before the endpoint sees it lets all of that
     * be collected once the upgrade is done. Authentication and the HTTP permission checks have already run on the
     * request (their filters come first); nothing of the visitor's own check changes.
     */
    void releaseHttpIdentity(@Observes Router router) {
        router.route(PATH).order(RELEASE_ORDER).handler(rc -> {
            rc.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
            if (rc.user() != null) {
                rc.clearUser();
            }
            rc.next();
        });
    }

    /**
     * One parameter of a raw query string (null when absent or badly encoded). Not {@code request.getParam}: that
     * decodes every parameter into a map kept on the request, which lives as long as the socket — a second copy of
     * the ~0.6 KB token per idle socket (benchmarks/conversation-service/idle.sh).
     */
    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq == name.length() && pair.startsWith(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    boolean allowed(String portalId, String origin) {
        return config.getOptionalValue("parley.widget.allowed-origins.\"" + portalId + "\"", String.class)
                .map(list -> Arrays.stream(list.split(",")).map(String::trim)
                        .anyMatch(o -> o.equals("*") || o.equalsIgnoreCase(origin)))
                .orElse(false);
    }
}
