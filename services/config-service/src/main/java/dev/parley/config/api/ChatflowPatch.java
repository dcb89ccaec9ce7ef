package dev.parley.config.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The live switches of a chatflow: they change what visitors get at once, without a new version. */
public record ChatflowPatch(Boolean enabled, @Min(-1000) @Max(1000) Integer priority) {
}
