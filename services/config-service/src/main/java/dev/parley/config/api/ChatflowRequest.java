package dev.parley.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create or replace a chatflow draft. */
public record ChatflowRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "WEBSITE|MOBILE", message = "must be WEBSITE or MOBILE") String kind,
        boolean enabled,
        int priority,
        JsonNode settings) {
}
