package dev.parley.config.domain;

import java.util.List;
import java.util.Map;

/**
 * What the page says about its visitor, for visitor filters: whether it is a known contact and its contact
 * properties (a multi-valued property such as list membership carries several values). Targeting only — never
 * an authorisation decision.
 */
public record Visitor(boolean known, Map<String, List<String>> properties) {

    public static final Visitor ANONYMOUS = new Visitor(false, Map.of());

    public List<String> values(String property) {
        return properties.getOrDefault(property, List.of());
    }
}
