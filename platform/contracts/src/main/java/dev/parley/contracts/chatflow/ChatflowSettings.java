package dev.parley.contracts.chatflow;

import java.util.List;

/**
 * Every setting of a chatflow (FEATURES.md: Chatflow, Build, Availability, Target, Display, Options). The same shape
 * is the admin API's body, config-service's stored draft and the {@code settings} of each published snapshot.
 * Closed sets travel as strings; {@link ChatflowVocabulary} lists their values and config-service validates them.
 */
public record ChatflowSettings(
        String type,
        String language,
        String inboxId,
        String welcomeMessage,
        Assignment assignment,
        EmailCapture emailCapture,
        KnowledgeBase knowledgeBase,
        Availability availability,
        Header header,
        Display display,
        Targeting targeting,
        Consent consent,
        String surveyId,
        String mobileTag) {

    /** Auto-assignment to users and/or teams; disabled = conversations land unassigned in the inbox. */
    public record Assignment(boolean enabled, List<String> userIds, List<String> teamIds) {
    }

    /** When to ask for the visitor's email ({@code EmailCaptureMode}) and the prompt shown. */
    public record EmailCapture(String mode, String prompt) {
    }

    public record KnowledgeBase(boolean enabled, String knowledgeBaseId) {
    }

    /**
     * When agents can be reached ({@code AvailabilityMode}) and what visitors see otherwise. Hours are in the
     * portal's time zone (the snapshot's {@code timeZone}); a range whose end is before its start runs past midnight.
     */
    public record Availability(String mode, List<HoursRange> hours, List<String> holidays,
                               String typicalResponseTime, Away away, AtCapacity atCapacity) {
    }

    /** {@code day} MONDAY..SUNDAY; {@code start}/{@code end} as HH:mm. */
    public record HoursRange(String day, String start, String end) {
    }

    /** {@code AwayBehaviour}: SHOW_RETURN_TIME, SHOW_AWAY_MESSAGE or HIDE_WIDGET. */
    public record Away(String behaviour, String message) {
    }

    /** {@code AtCapacityBehaviour}: SHOW_WAITING_MESSAGE, HIDE_WIDGET or NOTHING. */
    public record AtCapacity(String behaviour, String message) {
    }

    /**
     * The chat header ({@code HeaderMode}): the brand (optionally the alias for every agent), specific users and
     * teams (at most three shown), or the contact owner with a fallback for new or unassigned visitors.
     */
    public record Header(String mode, String brandName, String brandImageUrl, boolean brandAsAgentAlias,
                         List<String> userIds, List<String> teamIds, String ownerFallbackMode) {
    }

    /** Widget behaviour per device class and the automatic-open triggers. */
    public record Display(String desktopBehaviour, String mobileBehaviour, Triggers triggers,
                          boolean showCloseButton) {
    }

    /** Triggers per device ({@code Device} values); null = off. */
    public record Triggers(List<String> devices, boolean exitIntent, Integer timeOnPageSeconds,
                           Integer scrollPercent) {
    }

    /**
     * Where a website chatflow shows: it matches when the page matches any {@code rules} entry (or {@code rules}
     * is empty), no {@code exclusions} entry, and any of the {@code visitorFilterGroups} (OR of groups, AND inside a
     * group; no groups = everyone).
     */
    public record Targeting(List<TargetRule> rules, List<TargetRule> exclusions,
                            List<List<VisitorRule>> visitorFilterGroups) {
    }

    /**
     * {@code kind} URL (value compared with {@code op}), QUERY_PARAM ({@code name} = {@code value}, op IS /
     * IS_NOT / CONTAINS...) or DEVICE ({@code value} DESKTOP, TABLET or PHONE).
     */
    public record TargetRule(String kind, String op, String name, String value) {
    }

    /** A contact property ({@code property}) compared with {@code op}, or KNOWN_CONTACT / UNKNOWN_VISITOR. */
    public record VisitorRule(String property, String op, String value) {
    }

    /** The consent steps. Each text's SHA-256 (hex) is filled in at publish so evidence can name it. */
    public record Consent(CookieBanner cookieBanner, Processing processing, Communication communication,
                          boolean marketingContact) {
    }

    /** {@code CookieBannerTiming}: OFF, BEFORE_CHAT or ON_EXIT_INTENT. */
    public record CookieBanner(String timing, String text, String textHash) {
    }

    /** {@code ConsentBasis} EXPLICIT (must click "I agree") or LEGITIMATE_INTEREST (text shown, implied). */
    public record Processing(String basis, String text, String textHash) {
    }

    public record Communication(boolean enabled, String subscriptionType, String label, String textHash) {
    }
}
