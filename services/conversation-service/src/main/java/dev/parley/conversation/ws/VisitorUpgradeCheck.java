package dev.parley.conversation.ws;

import dev.parley.conversation.identity.VisitorTokens;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The visitor socket's handshake: a valid visitor token ({@code ?token=}) and, when the browser sends an
 * {@code Origin}, one of the portal's allowed origins ({@code parley.widget.allowed-origins."<portalId>"}, a
 * comma-separated list; {@code *} allows any). Refused handshakes get 401/403 and never open a socket.
 */
@ApplicationScoped
public class VisitorUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Visitor> VISITOR = new UserData.TypedKey<>("parley.visitor");

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
        context.userData().put(VISITOR, visitor.get());
        return CheckResult.permitUpgrade();
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
