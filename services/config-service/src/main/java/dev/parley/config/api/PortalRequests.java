package dev.parley.config.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the portal endpoints. */
public final class PortalRequests {

    private PortalRequests() {
    }

    /** Either field may be omitted; the time zone must be an IANA region id such as Europe/Berlin. */
    public record Settings(@Size(min = 1, max = 200) String name, @Size(max = 64) String timeZone) {
    }

    public record Appearance(
            @NotNull @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a colour #RRGGBB") String accentColor,
            @NotNull @Pattern(regexp = "BOTTOM_RIGHT|BOTTOM_LEFT", message = "must be BOTTOM_RIGHT or BOTTOM_LEFT")
            String position) {
    }

    /** Kept by config-service until a knowledge-base service exists; KB chatflows need at least 3. */
    public record KnowledgeBase(@NotNull @Min(0) @Max(1_000_000) Integer publishedArticles) {
    }
}
