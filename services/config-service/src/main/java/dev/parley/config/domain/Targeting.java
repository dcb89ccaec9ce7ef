package dev.parley.config.domain;

import dev.parley.contracts.chatflow.ChatflowSettings;
import java.util.List;

/**
 * A website chatflow's compiled targeting: it shows when the page matches any inclusion rule (or there is none),
 * no exclusion rule, and any visitor filter group (OR of groups, AND inside a group; no groups = everyone).
 */
public final class Targeting {

    public static final Targeting EVERYWHERE = new Targeting(List.of(), List.of(), List.of());

    private final List<PageRule> rules;
    private final List<PageRule> exclusions;
    private final List<List<VisitorFilter>> groups;

    private Targeting(List<PageRule> rules, List<PageRule> exclusions, List<List<VisitorFilter>> groups) {
        this.rules = rules;
        this.exclusions = exclusions;
        this.groups = groups;
    }

    /** Compiles validated settings (see {@link SettingsValidator}); null parts mean "no constraint". */
    public static Targeting compile(ChatflowSettings.Targeting t) {
        if (t == null) {
            return EVERYWHERE;
        }
        return new Targeting(pageRules(t.rules()), pageRules(t.exclusions()),
                t.visitorFilterGroups() == null ? List.of() : t.visitorFilterGroups().stream()
                        .map(g -> g.stream().map(VisitorFilter::compile).toList()).toList());
    }

    private static List<PageRule> pageRules(List<ChatflowSettings.TargetRule> rules) {
        return rules == null ? List.of() : rules.stream().map(PageRule::compile).toList();
    }

    public boolean matches(PageContext page, Visitor visitor) {
        return (rules.isEmpty() || anyMatches(rules, page))
                && !anyMatches(exclusions, page)
                && (groups.isEmpty() || groups.stream().anyMatch(g -> g.stream().allMatch(f -> f.test(visitor))));
    }

    private static boolean anyMatches(List<PageRule> rules, PageContext page) {
        for (PageRule r : rules) {
            if (r.test(page)) {
                return true;
            }
        }
        return false;
    }
}
