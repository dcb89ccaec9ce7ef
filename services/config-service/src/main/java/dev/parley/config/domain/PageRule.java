package dev.parley.config.domain;

import dev.parley.contracts.chatflow.ChatflowSettings.TargetRule;
import java.util.List;

/** One URL, query-parameter or device rule, compiled. */
public sealed interface PageRule {

    boolean test(PageContext page);

    static PageRule compile(TargetRule r) {
        return switch (r.kind()) {
            case "URL" -> new Url(TextMatch.url(r.op(), r.value()));
            case "QUERY_PARAM" -> new QueryParam(r.name(), TextMatch.text(r.op(), r.value() == null ? "" : r.value()));
            case "DEVICE" -> new Device(r.value(), "IS_NOT".equals(r.op()));
            default -> throw new IllegalArgumentException("unknown rule kind " + r.kind());
        };
    }

    record Url(TextMatch match) implements PageRule {
        @Override
        public boolean test(PageContext page) {
            return match.test(page);
        }
    }

    /**
     * Positive ops hold when some value of the parameter satisfies them; negative ops (IS_NOT, NOT_CONTAINS) hold
     * when no value satisfies the positive form — including when the parameter is absent.
     */
    record QueryParam(String name, TextMatch match) implements PageRule {
        @Override
        public boolean test(PageContext page) {
            List<String> values = page.query().get(name);
            boolean any = false;
            for (int i = 0; values != null && !any && i < values.size(); i++) {
                any = match.positive(values.get(i));
            }
            return match.negative() != any;
        }
    }

    /** An unknown device (none given) never equals a device value. */
    record Device(String device, boolean negated) implements PageRule {
        @Override
        public boolean test(PageContext page) {
            return negated != device.equals(page.device());
        }
    }
}
