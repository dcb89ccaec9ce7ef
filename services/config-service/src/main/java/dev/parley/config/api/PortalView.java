package dev.parley.config.api;

import dev.parley.config.domain.Portal;

public record PortalView(String id, String name, String timeZone, Appearance widgetAppearance,
                         int knowledgeBaseArticles) {

    public record Appearance(String accentColor, String position) {
    }

    static PortalView of(Portal p) {
        return new PortalView(p.id, p.name, p.timeZone, new Appearance(p.accentColor, p.widgetPosition),
                p.kbPublishedArticles);
    }
}
