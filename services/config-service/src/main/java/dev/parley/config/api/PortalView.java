package dev.parley.config.api;

public record PortalView(String id, String name, String timeZone) {
}
