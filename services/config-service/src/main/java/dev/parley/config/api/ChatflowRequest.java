package dev.parley.config.api;

import dev.parley.contracts.chatflow.ChatflowSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Create or replace a chatflow. {@code name} and {@code settings} are the draft (visitors see them after the next
 * publish); {@code enabled} and {@code priority} are live and apply at once. The kind cannot change after creation.
 */
public record ChatflowRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "WEBSITE|MOBILE", message = "must be WEBSITE or MOBILE") String kind,
        Boolean enabled,
        @Min(-1000) @Max(1000) Integer priority,
        ChatflowSettings settings) {
}
