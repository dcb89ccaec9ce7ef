package dev.parley.consent.api;

import dev.parley.consent.service.BannerConsents;
import dev.parley.consent.service.LedgerSettings;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * The widget's own consent answers (cookie banner) and the portal's ledger settings. The visitor token travels in
 * the body, not in the Authorization header: that header is the agents' OIDC bearer token, which a visitor token
 * is not, and the kit's OIDC would refuse it before this resource sees it.
 */
@Path("/api/v1/consents")
public class ConsentResource {

    public record ConsentRequest(String visitorToken, String chatflowId, Integer chatflowVersion, String kind,
                                 Boolean granted, String textHash, String language, String subscriptionType,
                                 String channel) {
    }

    public record Recorded(String entryId, boolean withdrawal) {
    }

    public record Settings(Boolean keepRequestMetadata) {
    }

    private static final Set<String> CHANNELS = Set.of("BANNER", "WEB", "MOBILE");

    private final BannerConsents consents;
    private final LedgerSettings settings;
    private final PortalContext portal;

    public ConsentResource(BannerConsents consents, LedgerSettings settings, PortalContext portal) {
        this.consents = consents;
        this.settings = settings;
        this.portal = portal;
    }

    @POST
    @PermitAll
    public Uni<Response> submit(ConsentRequest body, @Context HttpServerRequest http) {
        BannerConsents.Answer answer = validate(body);
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String agent = http.getHeader("User-Agent");
        return consents.submit(answer, ip, agent == null ? null : agent.substring(0, Math.min(512, agent.length())))
                .map(r -> Response.status(201).entity(new Recorded(r.entryId(), r.withdrawal())).build());
    }

    @GET
    @Path("/settings")
    @RolesAllowed("admin")
    public Uni<Settings> settings() {
        return Panache.withSession(() -> settings.keepsRequestMetadata(portal.portalId())).map(Settings::new);
    }

    @PUT
    @Path("/settings")
    @RolesAllowed("admin")
    public Uni<Settings> updateSettings(Settings body) {
        if (body == null || body.keepRequestMetadata() == null) {
            throw ProblemException.badRequest("keepRequestMetadata", "keepRequestMetadata (true or false) is required");
        }
        String portalId = portal.portalId();
        return Panache.withTransaction(() -> settings.keepRequestMetadata(portalId, body.keepRequestMetadata()))
                .replaceWith(body);
    }

    private static BannerConsents.Answer validate(ConsentRequest b) {
        if (b == null) {
            throw ProblemException.badRequest("body", "a JSON body is required");
        }
        require("visitorToken", b.visitorToken(), 4096);
        require("chatflowId", b.chatflowId(), 64);
        if (b.chatflowVersion() == null || b.chatflowVersion() < 1) {
            throw ProblemException.badRequest("chatflowVersion", "chatflowVersion (1 or more) is required");
        }
        require("kind", b.kind(), 16);
        if (b.granted() == null) {
            throw ProblemException.badRequest("granted", "granted (true or false) is required");
        }
        require("textHash", b.textHash(), 64);
        optional("language", b.language(), 16);
        optional("subscriptionType", b.subscriptionType(), 200);
        String channel = b.channel() == null ? "BANNER" : b.channel();
        if (!CHANNELS.contains(channel)) {
            throw ProblemException.badRequest("channel", "channel must be BANNER, WEB or MOBILE");
        }
        return new BannerConsents.Answer(b.visitorToken(), b.chatflowId(), b.chatflowVersion(), b.kind(),
                b.granted(), b.textHash(), b.language(), b.subscriptionType(), channel);
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        optional(field, value, max);
    }

    private static void optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.badRequest(field, field + " is at most " + max + " characters");
        }
    }
}
