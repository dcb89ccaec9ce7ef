package dev.parley.consent.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.consent.domain.RequestStatus;
import dev.parley.kit.sql.Sql;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.events.ErasureRequested;
import dev.parley.contracts.events.ExportRequested;
import dev.parley.kit.messaging.Outbox;
import dev.parley.kit.privacy.PrivacySubject;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Privacy requests: recorded and announced (ErasureRequested / ExportRequested) in one transaction; every service's
 * report is recorded as it arrives; the view assembles per-service status and, for an export, the bundle.
 */
@ApplicationScoped
public class PrivacyRequests {

    public enum Kind { ERASURE, EXPORT }

    public record View(String id, String kind, String subject, Instant requestedAt, String status, boolean overdue,
                       List<RequestStatus.ServiceStatus> services, JsonNode bundle, Instant completedAt) {
    }

    private final Outbox outbox;
    private final PrivacyConfig config;

    public PrivacyRequests(Outbox outbox, PrivacyConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<String> request(String portalId, Kind kind, PrivacySubject subject, String requestedBy) {
        UUID id = UUID.randomUUID();
        String normalised = subject.isEmail() ? subject.email() : subject.visitorId();
        return Panache.withTransaction(() -> Sql.update("insert into privacy_request (id, portal_id, kind, subject,"
                                + " requested_by, requested_at, services) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)", id,
                        portalId, kind.name(), normalised, Sql.orEmpty(requestedBy), Sql.utc(Instant.now()),
                        String.join(",", config.services()))
                .chain(() -> outbox.stage(kind == Kind.ERASURE
                        ? ErasureRequested.of(portalId, id.toString(), normalised)
                        : ExportRequested.of(portalId, id.toString(), normalised))))
                .replaceWith(id.toString());
    }

    /** Records one service's report once (a redelivered report changes nothing); another portal's is ignored. */
    public Uni<Void> report(String portalId, String requestId, String service, Long items, JsonNode data) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().voidItem();
        }
        return Sql.update("insert into privacy_report (request_id, service, items, data, reported_at)"
                        + " select id, ?3, ?4, cast(nullif(cast(?5 as text), '') as jsonb), now() from privacy_request"
                        + " where id = ?1 and portal_id = ?2 on conflict do nothing", id, portalId, service,
                        items == null ? -1L : items, data == null ? "" : data.toString())
                .replaceWithVoid();
    }

    public Uni<Optional<View>> view(String portalId, UUID id) {
        return Panache.withSession(() -> Sql.rows("select id, kind, subject, requested_at, services from"
                        + " privacy_request where id = ?1 and portal_id = ?2", id, portalId)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(Optional.<View>empty())
                        : reports(id).map(reports -> Optional.of(view(rows.get(0), reports)))));
    }

    private record Report(String service, long items, JsonNode data, Instant at) {
    }

    private static Uni<List<Report>> reports(UUID id) {
        return Sql.rows("select service, items, cast(data as text), reported_at from privacy_report"
                        + " where request_id = ?1 order by reported_at", id)
                .map(rows -> rows.stream().map(r -> new Report(Sql.str(r[0]), ((Number) r[1]).longValue(),
                        json(Sql.str(r[2])), Sql.instant(r[3]))).toList());
    }

    private View view(Object[] r, List<Report> reports) {
        String kind = Sql.str(r[1]);
        Instant requestedAt = Sql.instant(r[3]);
        Map<String, RequestStatus.Report> byService = new LinkedHashMap<>();
        ObjectNode bundle = EventJson.mapper().createObjectNode();
        for (Report report : reports) {
            byService.put(report.service(), new RequestStatus.Report(report.items() < 0 ? null : report.items(),
                    report.at()));
            bundle.set(report.service(), report.data() == null ? EventJson.mapper().createObjectNode()
                    : report.data());
        }
        List<String> expected = Arrays.stream(Sql.str(r[4]).split(",")).filter(s -> !s.isBlank()).toList();
        var summary = RequestStatus.of(expected, byService, requestedAt, Instant.now(), config.deadline());
        Instant completedAt = "COMPLETED".equals(summary.status()) ? reports.stream().map(Report::at)
                .max(Instant::compareTo).orElse(null) : null;
        return new View(Sql.str(r[0]), kind, Sql.str(r[2]), requestedAt, summary.status(), summary.overdue(),
                summary.services(), Kind.EXPORT.name().equals(kind) ? bundle : null, completedAt);
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored export part is not JSON", e);
        }
    }
}
