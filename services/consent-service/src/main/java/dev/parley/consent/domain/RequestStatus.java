package dev.parley.consent.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a privacy request stands: each expected service has reported (DONE), is still within the deadline
 * (PENDING) or is late (OVERDUE). A service that reports without being expected is listed too, as DONE.
 */
public final class RequestStatus {

    public enum State { DONE, PENDING, OVERDUE }

    /** One service's report (items changed; null for an export). */
    public record Report(Long items, Instant reportedAt) {
    }

    public record ServiceStatus(String service, State state, Long items, Instant reportedAt) {
    }

    /** The whole request: COMPLETED once every expected service reported. */
    public record Summary(String status, boolean overdue, List<ServiceStatus> services) {
    }

    private RequestStatus() {
    }

    public static Summary of(List<String> expected, Map<String, Report> reports, Instant requestedAt, Instant now,
                             Duration deadline) {
        boolean late = now.isAfter(requestedAt.plus(deadline));
        Set<String> names = new LinkedHashSet<>(expected);
        names.addAll(reports.keySet().stream().sorted().toList());
        List<ServiceStatus> services = new ArrayList<>();
        for (String name : names) {
            Report report = reports.get(name);
            State state = report != null ? State.DONE : late ? State.OVERDUE : State.PENDING;
            services.add(new ServiceStatus(name, state, report == null ? null : report.items(),
                    report == null ? null : report.reportedAt()));
        }
        boolean complete = expected.stream().allMatch(reports::containsKey);
        boolean overdue = services.stream().anyMatch(s -> s.state() == State.OVERDUE);
        return new Summary(complete ? "COMPLETED" : "PENDING", overdue, services);
    }
}
