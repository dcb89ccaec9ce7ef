package dev.parley.conversation.ws;

import dev.parley.conversation.identity.VisitorTokens;
import dev.parley.conversation.identity.VisitorTokens.Visitor;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
        Optional<Visitor> visitor = tokens.verifyVisitor(context.httpRequest().getParam("token"));
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

    boolean allowed(String portalId, String origin) {
        return config.getOptionalValue("parley.widget.allowed-origins.\"" + portalId + "\"", String.class)
                .map(list -> Arrays.stream(list.split(",")).map(String::trim)
                        .anyMatch(o -> o.equals("*") || o.equalsIgnoreCase(origin)))
                .orElse(false);
    }
}
