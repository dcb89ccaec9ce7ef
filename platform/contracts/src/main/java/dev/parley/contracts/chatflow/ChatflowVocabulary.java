package dev.parley.contracts.chatflow;

/** The allowed values of {@link ChatflowSettings}' closed sets (the records carry them as strings). */
public final class ChatflowVocabulary {

    public enum ChatflowType { LIVE_CHAT, KB_SEARCH_AND_LIVE_CHAT, RULE_BOT, AI_AGENT }

    public enum EmailCaptureMode { NEVER, BEFORE_CHAT, WHEN_NO_AGENT, AFTER_FIRST_MESSAGE }

    public enum AvailabilityMode { USERS, BUSINESS_HOURS, ALWAYS }

    public enum AwayBehaviour { SHOW_RETURN_TIME, SHOW_AWAY_MESSAGE, HIDE_WIDGET }

    public enum AtCapacityBehaviour { SHOW_WAITING_MESSAGE, HIDE_WIDGET, NOTHING }

    public enum HeaderMode { BRAND, USERS_AND_TEAMS, CONTACT_OWNER }

    public enum DesktopBehaviour { PROMPT, LAUNCHER_ONLY, PROMPT_THEN_OPEN }

    public enum MobileBehaviour { PROMPT, LAUNCHER_ONLY }

    public enum Device { DESKTOP, TABLET, PHONE }

    public enum RuleKind { URL, QUERY_PARAM, DEVICE }

    public enum RuleOp { IS, IS_NOT, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES }

    public enum CookieBannerTiming { OFF, BEFORE_CHAT, ON_EXIT_INTENT }

    /** {@code Availability.typicalResponseTime}: what the widget promises while agents are available. */
    public enum TypicalResponseTime { FEW_MINUTES, FEW_HOURS, ONE_DAY }

    private ChatflowVocabulary() {
    }
}
