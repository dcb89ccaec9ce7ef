package dev.parley.survey.api;

import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import dev.parley.survey.domain.CsatReport;
import dev.parley.survey.domain.ReportPeriod;
import dev.parley.survey.domain.SurveyViolation;
import dev.parley.survey.service.Reports;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * CSAT reports of the caller's portal. {@code from}/{@code to} are calendar days (inclusive) in {@code timeZone}
 * (an IANA zone such as Europe/Berlin; default UTC); default period: the last 30 days up to today in that zone.
 */
@Path("/api/v1/surveys/reports")
@RolesAllowed("admin")
public class ReportResource {

    public record CsatView(LocalDate from, LocalDate to, String timeZone, String surveyId, CsatReport.Report report) {
    }

    private final Reports reports;
    private final PortalContext caller;

    public ReportResource(Reports reports, PortalContext caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/csat")
    public Uni<CsatView> csat(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("timeZone") String timeZone, @QueryParam("surveyId") String surveyId) {
        ReportPeriod period = period(from, to, timeZone);
        UUID survey = uuid(surveyId);
        return reports.csat(caller.portalId(), period, survey).map(r -> new CsatView(period.from(), period.to(),
                period.zone().getId(), surveyId, r));
    }

    @GET
    @Path("/answers")
    public Uni<Reports.AnswerPage> answers(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("timeZone") String timeZone,
            @QueryParam("surveyId") String surveyId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        ReportPeriod period = period(from, to, timeZone);
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0 || p > 100_000) {
            throw ProblemException.badRequest("page", "0..100000");
        }
        if (s < 1 || s > 200) {
            throw ProblemException.badRequest("size", "1..200");
        }
        return reports.answers(caller.portalId(), period, uuid(surveyId), p, s);
    }

    static ReportPeriod period(String from, String to, String timeZone) {
        ZoneId zone = zone(timeZone);
        LocalDate today = LocalDate.now(zone);
        LocalDate end = to == null ? today : date(to, "to");
        LocalDate start = from == null ? end.minusDays(29) : date(from, "from");
        try {
            return new ReportPeriod(start, end, zone);
        } catch (SurveyViolation v) {
            throw ProblemException.badRequest(v.field(), v.getMessage());
        }
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("timeZone", "must be a time zone such as Europe/Berlin or UTC");
        }
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be a date such as 2026-03-29");
        }
    }

    static UUID uuid(String surveyId) {
        if (surveyId == null || surveyId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(surveyId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("surveyId", "must be a survey id");
        }
    }
}
