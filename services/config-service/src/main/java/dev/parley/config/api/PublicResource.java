package dev.parley.config.api;

import dev.parley.config.domain.PageContext;
import dev.parley.config.domain.Visitor;
import dev.parley.config.view.Rendered;
import dev.parley.config.view.ResolutionView;
import dev.parley.kit.api.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public resolution, called by every page view of every customer site (no token): answered from memory on the
 * event loop, cacheable (ETag, Cache-Control), readable from any origin.
 *
 * <p>Visitor filters take optional query parameters: {@code known=true} for an identified contact and
 * {@code visitor.<property>=<value>} (repeatable) for its contact properties. They only steer targeting — a page could
 * claim anything, so nothing here grants access to data.
 */
@Path("/api/v1")
@PermitAll
public class PublicResource {

    static final String CACHE_CONTROL = "public, max-age=30";
    private static final Set<String> DEVICES = Set.of("DESKTOP", "TABLET", "PHONE");
    private static final String VISITOR_PREFIX = "visitor.";

    private final ResolutionView view;

    public PublicResource(ResolutionView view) {
        this.view = view;
    }

    @GET
    @Path("/widget/config")
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response widget(@QueryParam("portalId") String portalId, @QueryParam("url") String url,
                           @QueryParam("device") String device, @QueryParam("known") boolean known,
                           @HeaderParam("If-None-Match") String ifNoneMatch, @Context HttpServerRequest request) {
        required(portalId, "portalId", 64);
        required(url, "url", 4096);
        PageContext page = PageContext.of(url, device(device));
        return answer(view.widget(portalId, page, visitor(known, request)), ifNoneMatch);
    }

    @GET
    @Path("/mobile/config")
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response mobile(@QueryParam("portalId") String portalId, @QueryParam("tag") String tag,
                           @HeaderParam("If-None-Match") String ifNoneMatch) {
        required(portalId, "portalId", 64);
        required(tag, "tag", 64);
        return answer(view.mobile(portalId, tag), ifNoneMatch);
    }

    /** A constant answer: lets the widget check reachability, and the benchmark compare against resolution. */
    @GET
    @Path("/widget/ping")
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "ok";
    }

    static String device(String device) {
        if (device == null || device.isEmpty()) {
            return "DESKTOP";
        }
        if (!DEVICES.contains(device)) {
            throw ProblemException.badRequest("device", "must be one of DESKTOP, TABLET, PHONE");
        }
        return device;
    }

    private static Response answer(Optional<Rendered> rendered, String ifNoneMatch) {
        if (rendered.isEmpty()) {
            return Response.noContent().header("Cache-Control", CACHE_CONTROL)
                    .header("Access-Control-Allow-Origin", "*").build();
        }
        Rendered r = rendered.get();
        Response.ResponseBuilder b = ifNoneMatch != null && matches(ifNoneMatch, r.etag())
                ? Response.notModified() : Response.ok(r.body(), MediaType.APPLICATION_JSON_TYPE);
        return b.header("ETag", r.etag()).header("Cache-Control", CACHE_CONTROL)
                .header("Access-Control-Allow-Origin", "*").header("X-Content-Type-Options", "nosniff").build();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Reads visitor filters only when the query has any (the common anonymous request skips the work). */
    private static Visitor visitor(boolean known, HttpServerRequest request) {
        String raw = request.query();
        if (!known && (raw == null || !raw.contains(VISITOR_PREFIX))) {
            return Visitor.ANONYMOUS;
        }
        Map<String, List<String>> properties = new HashMap<>();
        for (String name : request.params().names()) {
            if (name.startsWith(VISITOR_PREFIX) && properties.size() < 50) {
                properties.put(name.substring(VISITOR_PREFIX.length()), new ArrayList<>(request.params().getAll(name)));
            }
        }
        return !known && properties.isEmpty() ? Visitor.ANONYMOUS : new Visitor(known, properties);
    }

    private static void required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, "is required");
        }
        if (value.length() > max) {
            throw ProblemException.badRequest(field, "must be at most " + max + " characters");
        }
    }
}
