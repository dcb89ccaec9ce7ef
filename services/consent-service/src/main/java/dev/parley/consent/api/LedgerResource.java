package dev.parley.consent.api;

import dev.parley.consent.service.EntryView;
import dev.parley.consent.service.LedgerQueries;
import dev.parley.kit.api.ProblemException;
import dev.parley.kit.privacy.PrivacySubject;
import dev.parley.kit.security.PortalContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The admin's view of the ledger, always of the caller's portal (from the token). */
@Path("/api/v1/consents")
@RolesAllowed("admin")
public class LedgerResource {

    private static final Set<String> KINDS = Set.of("COOKIES", "PROCESSING", "COMMUNICATION");
    private static final int MAX_LIMIT = 500;

    private final LedgerQueries queries;
    private final PortalContext portal;

    public LedgerResource(LedgerQueries queries, PortalContext portal) {
        this.queries = queries;
        this.portal = portal;
    }

    /** A subject's history, derived current state and subscription records ({@code subject}: email or visitor id). */
    @GET
    @Path("/subjects")
    public Uni<LedgerQueries.History> history(@QueryParam("subject") String subject) {
        PrivacySubject parsed = Subject.parse(subject);
        String portalId = portal.portalId();
        return Panache.withSession(() -> queries.history(portalId, parsed));
    }

    /** The proof of one entry: the exact text shown, its hash, the chatflow version and the time. */
    @GET
    @Path("/entries/{id}/proof")
    public Uni<LedgerQueries.Proof> proof(@PathParam("id") String id) {
        UUID entryId;
        try {
            entryId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("entry " + id.substring(0, Math.min(64, id.length())));
        }
        String portalId = portal.portalId();
        return Panache.withSession(() -> queries.proof(portalId, entryId))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("entry " + entryId)));
    }

    /** Entries of the portal by kind and time range [from, to), newest first. */
    @GET
    @Path("/entries")
    public Uni<List<EntryView>> search(@QueryParam("kind") String kind, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @QueryParam("limit") Integer limit) {
        if (kind != null && !KINDS.contains(kind)) {
            throw ProblemException.badRequest("kind", "kind must be COOKIES, PROCESSING or COMMUNICATION");
        }
        Instant start = time("from", from, Instant.EPOCH);
        Instant end = time("to", to, Instant.parse("9999-01-01T00:00:00Z"));
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ProblemException.badRequest("limit", "limit must be 1.." + MAX_LIMIT);
        }
        String portalId = portal.portalId();
        return Panache.withSession(() -> queries.search(portalId, kind, start, end, limit == null ? 100 : limit));
    }

    private static Instant time(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be an ISO-8601 instant (2026-01-31T00:00:00Z)");
        }
    }
}
