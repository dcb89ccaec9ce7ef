package dev.parley.conversation.ws;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the identity that a bearer token in the handshake (the {@code quarkus-http-upgrade#Authorization#Bearer}
 * subprotocol) proved; an invalid token was already refused with 401 by the HTTP security layer. Without one, the
 * socket opens unauthenticated and {@link AgentSocket} accepts nothing but an {@code auth} frame.
 */
@ApplicationScoped
public class AgentUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<SecurityIdentity> IDENTITY = new UserData.TypedKey<>("parley.agent");

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.endsWith("AgentSocket");
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity != null && !identity.isAnonymous()) {
                context.userData().put(IDENTITY, identity);
            }
            return CheckResult.permitUpgrade();
        });
    }
}
