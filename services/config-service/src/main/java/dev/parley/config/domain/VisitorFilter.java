package dev.parley.config.domain;

import dev.parley.contracts.chatflow.ChatflowSettings.VisitorRule;
import java.util.List;

/**
 * One rule of a visitor filter group. Property {@code KNOWN_CONTACT} / {@code UNKNOWN_VISITOR} test whether the
 * visitor is identified; any other property is a contact property compared like a query parameter (a known
 * contact's multi-valued property such as list membership holds when any value satisfies a positive op).
 * Contact-property rules never hold for unknown visitors.
 */
public sealed interface VisitorFilter {

    String KNOWN_CONTACT = "KNOWN_CONTACT";
    String UNKNOWN_VISITOR = "UNKNOWN_VISITOR";

    boolean test(Visitor visitor);

    static VisitorFilter compile(VisitorRule r) {
        return switch (r.property()) {
            case KNOWN_CONTACT -> new Known(true);
            case UNKNOWN_VISITOR -> new Known(false);
            default -> new Property(r.property(), TextMatch.text(r.op(), r.value() == null ? "" : r.value()));
        };
    }

    record Known(boolean known) implements VisitorFilter {
        @Override
        public boolean test(Visitor visitor) {
            return visitor.known() == known;
        }
    }

    record Property(String property, TextMatch match) implements VisitorFilter {
        @Override
        public boolean test(Visitor visitor) {
            if (!visitor.known()) {
                return false;
            }
            List<String> values = visitor.values(property);
            return match.negative() != values.stream().anyMatch(match::positive);
        }
    }
}
