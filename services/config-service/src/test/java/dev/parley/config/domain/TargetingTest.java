package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.chatflow.ChatflowSettings.TargetRule;
import dev.parley.contracts.chatflow.ChatflowSettings.Targeting;
import dev.parley.contracts.chatflow.ChatflowSettings.VisitorRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetingTest {

    private static final String PRICING = "https://Example.com/pricing/plans?utm_source=ads&ref=a&ref=b#top";

    static boolean url(String op, String value, String page) {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(
                List.of(new TargetRule("URL", op, null, value)), List.of(), List.of()));
        return t.matches(PageContext.of(page, "DESKTOP"), Visitor.ANONYMOUS);
    }

    @ParameterizedTest
    @CsvSource({
            "IS, https://example.com/pricing/plans, true",
            "IS, https://example.com/pricing/plans/, true",
            "IS, https://EXAMPLE.com/pricing/plans, true",
            "IS, https://example.com/pricing, false",
            "IS, https://example.com/Pricing/plans, false",
            "IS_NOT, https://example.com/pricing, true",
            "IS_NOT, https://example.com/pricing/plans, false",
            "CONTAINS, /pricing/, true",
            "CONTAINS, utm_source, false",
            "NOT_CONTAINS, /blog, true",
            "NOT_CONTAINS, pricing, false",
            "STARTS_WITH, https://example.com/pricing, true",
            "STARTS_WITH, http://example.com, false",
            "ENDS_WITH, /plans, true",
            "ENDS_WITH, #top, false",
            "MATCHES, ^https://example\\.com/pric[a-z]+/, true",
            "MATCHES, /blog/\\d+, false"})
    void urlRulesCompareTheAddressWithoutQueryAndFragment(String op, String value, boolean expected) {
        assertThat(url(op, value, PRICING)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "utm_source, IS, ads, true",
            "utm_source, IS, mail, false",
            "utm_source, IS_NOT, mail, true",
            "utm_source, IS_NOT, ads, false",
            "missing, IS_NOT, ads, true",
            "missing, IS, ads, false",
            "ref, IS, b, true",
            "ref, IS_NOT, b, false",
            "ref, CONTAINS, a, true",
            "ref, NOT_CONTAINS, z, true",
            "utm_source, STARTS_WITH, ad, true",
            "utm_source, ENDS_WITH, ds, true",
            "utm_source, MATCHES, ^a.s$, true"})
    void queryParameterRulesHoldWhenAnyValueMatches(String name, String op, String value, boolean expected) {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(
                List.of(new TargetRule("QUERY_PARAM", op, name, value)), List.of(), List.of()));
        assertThat(t.matches(PageContext.of(PRICING, "DESKTOP"), Visitor.ANONYMOUS)).isEqualTo(expected);
    }

    @Test
    void anyInclusionRuleSufficesAndNoRulesMeansEveryPage() {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(List.of(
                new TargetRule("URL", "CONTAINS", null, "/blog"),
                new TargetRule("URL", "CONTAINS", null, "/pricing")), List.of(), List.of()));
        assertThat(t.matches(PageContext.of("https://x.io/pricing", null), Visitor.ANONYMOUS)).isTrue();
        assertThat(t.matches(PageContext.of("https://x.io/about", null), Visitor.ANONYMOUS)).isFalse();
        assertThat(dev.parley.config.domain.Targeting.compile(new Targeting(List.of(), List.of(), List.of()))
                .matches(PageContext.of("https://x.io/anything", null), Visitor.ANONYMOUS)).isTrue();
        assertThat(dev.parley.config.domain.Targeting.compile(null)
                .matches(PageContext.of("https://x.io/", null), Visitor.ANONYMOUS)).isTrue();
    }

    @Test
    void exclusionsWinIncludingTheDeviceExclusion() {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(
                List.of(new TargetRule("URL", "STARTS_WITH", null, "https://x.io/")),
                List.of(new TargetRule("URL", "CONTAINS", null, "/privacy"),
                        new TargetRule("DEVICE", "IS", null, "PHONE")), List.of()));
        assertThat(t.matches(PageContext.of("https://x.io/home", "DESKTOP"), Visitor.ANONYMOUS)).isTrue();
        assertThat(t.matches(PageContext.of("https://x.io/home", "TABLET"), Visitor.ANONYMOUS)).isTrue();
        assertThat(t.matches(PageContext.of("https://x.io/home", "PHONE"), Visitor.ANONYMOUS)).isFalse();
        assertThat(t.matches(PageContext.of("https://x.io/privacy-policy", "DESKTOP"), Visitor.ANONYMOUS)).isFalse();
    }

    @Test
    void deviceIsNotRuleShowsOnlyOnOtherDevices() {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(
                List.of(new TargetRule("DEVICE", "IS_NOT", null, "DESKTOP")), List.of(), List.of()));
        assertThat(t.matches(PageContext.of("https://x.io/", "PHONE"), Visitor.ANONYMOUS)).isTrue();
        assertThat(t.matches(PageContext.of("https://x.io/", "DESKTOP"), Visitor.ANONYMOUS)).isFalse();
    }

    @Test
    void visitorGroupsAreAnOrOfAnds() {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(List.of(), List.of(), List.of(
                List.of(new VisitorRule("KNOWN_CONTACT", null, null),
                        new VisitorRule("lifecycleStage", "IS", "customer"),
                        new VisitorRule("list", "IS", "vip")),
                List.of(new VisitorRule("UNKNOWN_VISITOR", null, null)))));
        PageContext page = PageContext.of("https://x.io/", "DESKTOP");
        Visitor vip = new Visitor(true, Map.of("lifecycleStage", List.of("customer"), "list", List.of("news", "vip")));
        Visitor lead = new Visitor(true, Map.of("lifecycleStage", List.of("lead"), "list", List.of("vip")));
        assertThat(t.matches(page, vip)).isTrue();
        assertThat(t.matches(page, lead)).isFalse();
        assertThat(t.matches(page, Visitor.ANONYMOUS)).isTrue();
    }

    @Test
    void contactPropertyRulesNeverHoldForUnknownVisitors() {
        var t = dev.parley.config.domain.Targeting.compile(new Targeting(List.of(), List.of(), List.of(
                List.of(new VisitorRule("lifecycleStage", "IS_NOT", "customer")))));
        PageContext page = PageContext.of("https://x.io/", "DESKTOP");
        assertThat(t.matches(page, Visitor.ANONYMOUS)).isFalse();
        assertThat(t.matches(page, new Visitor(true, Map.of("lifecycleStage", List.of("lead"))))).isTrue();
        assertThat(t.matches(page, new Visitor(true, Map.of()))).isTrue();
    }

    @Test
    void catastrophicPatternsGiveUpInsteadOfHangingTheRequest() {
        String hostile = "https://x.io/" + "a".repeat(5000) + "!";
        long start = System.nanoTime();
        assertThat(url("MATCHES", "^https://x.io/(a+)+$", hostile)).isFalse();
        assertThat(url("MATCHES", "^https://x.io/(a|aa)+b$", hostile)).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void malformedQueryEncodingIsTakenLiterally() {
        PageContext page = PageContext.of("https://x.io/?q=%zz&flag", null);
        assertThat(page.query()).containsEntry("q", List.of("%zz")).containsEntry("flag", List.of(""));
    }
}
