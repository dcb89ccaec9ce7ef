package dev.parley.config.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An inbox or help desk; {@code chatConnected}: whether its chat channel is connected (required to use it). */
public record InboxRequest(
        @NotBlank @Size(max = 200) String name,
        @Pattern(regexp = "INBOX|HELP_DESK", message = "must be INBOX or HELP_DESK") String kind,
        @NotNull Boolean chatConnected) {
}
