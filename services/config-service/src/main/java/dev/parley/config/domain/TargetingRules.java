package dev.parley.config.domain;

import static dev.parley.config.domain.Checks.fail;
import static dev.parley.config.domain.Checks.maxLength;
import static dev.parley.config.domain.Checks.maxSize;
import static dev.parley.config.domain.Checks.notBlank;
import static dev.parley.config.domain.Checks.oneOf;
import static dev.parley.config.domain.Checks.require;

import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.TargetRule;
import dev.parley.contracts.chatflow.ChatflowSettings.VisitorRule;
import dev.parley.contracts.chatflow.ChatflowVocabulary.Device;
import dev.parley.contracts.chatflow.ChatflowVocabulary.RuleKind;
import dev.parley.contracts.chatflow.ChatflowVocabulary.RuleOp;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Targeting rules: kinds, ops, values, regular expressions; website chatflows only. */
final class TargetingRules {

    private TargetingRules() {
    }

    static void validate(ChatflowSettings.Targeting t, String kind) {
        if (t == null) {
            return;
        }
        boolean empty = isEmpty(t.rules()) && isEmpty(t.exclusions()) && isEmpty(t.visitorFilterGroups());
        require(empty || "WEBSITE".equals(kind), "settings.targeting", "only website chatflows have targeting");
        rules(t.rules(), "settings.targeting.rules");
        rules(t.exclusions(), "settings.targeting.exclusions");
        groups(t.visitorFilterGroups());
    }

    private static void rules(List<TargetRule> rules, String field) {
        if (rules == null) {
            return;
        }
        maxSize(rules, 100, field);
        for (int i = 0; i < rules.size(); i++) {
            rule(rules.get(i), field + "[" + i + "]");
        }
    }

    private static void rule(TargetRule r, String field) {
        require(r != null, field, "must not be null");
        oneOf(r.kind(), RuleKind.class, field + ".kind");
        oneOf(r.op(), RuleOp.class, field + ".op");
        switch (r.kind()) {
            case "DEVICE" -> {
                require("IS".equals(r.op()) || "IS_NOT".equals(r.op()), field + ".op",
                        "device rules take IS or IS_NOT");
                oneOf(r.value(), Device.class, field + ".value");
            }
            case "QUERY_PARAM" -> {
                notBlank(r.name(), field + ".name");
                maxLength(r.name(), 200, field + ".name");
                value(r.op(), r.value(), false, field + ".value");
            }
            default -> value(r.op(), r.value(), true, field + ".value");
        }
    }

    private static void value(String op, String value, boolean required, String field) {
        if (required || "MATCHES".equals(op)) {
            notBlank(value, field);
        }
        maxLength(value, 2000, field);
        if ("MATCHES".equals(op)) {
            regex(value, field);
        }
    }

    private static void regex(String value, String field) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw fail(field, "is not a valid regular expression: " + e.getDescription());
        }
    }

    private static void groups(List<List<VisitorRule>> groups) {
        if (groups == null) {
            return;
        }
        maxSize(groups, 20, "settings.targeting.visitorFilterGroups");
        for (int g = 0; g < groups.size(); g++) {
            String field = "settings.targeting.visitorFilterGroups[" + g + "]";
            List<VisitorRule> group = groups.get(g);
            require(group != null && !group.isEmpty(), field, "a filter group needs at least one rule");
            maxSize(group, 20, field);
            for (int i = 0; i < group.size(); i++) {
                visitorRule(group.get(i), field + "[" + i + "]");
            }
        }
    }

    private static void visitorRule(VisitorRule r, String field) {
        require(r != null, field, "must not be null");
        notBlank(r.property(), field + ".property");
        maxLength(r.property(), 100, field + ".property");
        if (VisitorFilter.KNOWN_CONTACT.equals(r.property()) || VisitorFilter.UNKNOWN_VISITOR.equals(r.property())) {
            return;
        }
        oneOf(r.op(), RuleOp.class, field + ".op");
        value(r.op(), r.value(), false, field + ".value");
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
