package dev.parley.config.domain;

import static dev.parley.config.domain.Checks.id;
import static dev.parley.config.domain.Checks.ids;
import static dev.parley.config.domain.Checks.maxLength;
import static dev.parley.config.domain.Checks.notBlank;
import static dev.parley.config.domain.Checks.oneOf;
import static dev.parley.config.domain.Checks.oneOfOrNull;
import static dev.parley.config.domain.Checks.require;

import dev.parley.contracts.Vocabulary.ConsentBasis;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowVocabulary.AtCapacityBehaviour;
import dev.parley.contracts.chatflow.ChatflowVocabulary.AwayBehaviour;
import dev.parley.contracts.chatflow.ChatflowVocabulary.ChatflowType;
import dev.parley.contracts.chatflow.ChatflowVocabulary.CookieBannerTiming;
import dev.parley.contracts.chatflow.ChatflowVocabulary.EmailCaptureMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a chatflow's settings; the first problem found is thrown as a {@link SettingsViolation} whose field is
 * the JSON path inside the request body ({@code settings.availability.hours[1].end}). Absent (null) sections take
 * their defaults ({@link SettingsDefaults}); a draft may omit the inbox, a publish may not.
 */
public final class SettingsValidator {

    /** Which inboxes the portal has: empty = no such inbox in this portal, else whether chat is connected. */
    public interface Inboxes {
        Optional<Boolean> chatConnected(String inboxId);
    }

    /** What validation needs to know beyond the settings. */
    public record Context(String kind, Inboxes inboxes, int knowledgeBaseArticles, boolean publishing) {
    }

    public static final int MIN_KB_ARTICLES = 3;
    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    static final Pattern MOBILE_TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final int TEXT = 5000;

    private SettingsValidator() {
    }

    public static void validate(ChatflowSettings s, Context ctx) {
        if (s == null) {
            require(!ctx.publishing(), "settings.inboxId", "a chatflow needs an inbox to be published");
            return;
        }
        root(s, ctx);
        assignment(s.assignment());
        emailCapture(s.emailCapture());
        knowledgeBase(s, ctx);
        AvailabilityRules.validate(s.availability());
        DisplayRules.header(s.header());
        DisplayRules.display(s.display());
        TargetingRules.validate(s.targeting(), ctx.kind());
        consent(s.consent());
    }

    private static void root(ChatflowSettings s, Context ctx) {
        oneOfOrNull(s.type(), ChatflowType.class, "settings.type");
        require(s.language() == null || LANGUAGE.matcher(s.language()).matches(), "settings.language",
                "must be a language tag such as en or pt-BR");
        maxLength(s.welcomeMessage(), 2000, "settings.welcomeMessage");
        if (s.surveyId() != null) {
            id(s.surveyId(), "settings.surveyId");
        }
        inbox(s.inboxId(), ctx);
        boolean mobile = "MOBILE".equals(ctx.kind());
        require(s.mobileTag() == null || mobile, "settings.mobileTag", "only mobile chatflows have a mobile tag");
        require(s.mobileTag() == null || MOBILE_TAG.matcher(s.mobileTag()).matches(), "settings.mobileTag",
                "must be 1-64 lower-case letters, digits, '-' or '_'");
        require(!ctx.publishing() || !mobile || s.mobileTag() != null, "settings.mobileTag",
                "a mobile chatflow needs a mobile tag to be published");
    }

    private static void inbox(String inboxId, Context ctx) {
        if (inboxId == null) {
            require(!ctx.publishing(), "settings.inboxId", "a chatflow needs an inbox to be published");
            return;
        }
        id(inboxId, "settings.inboxId");
        Optional<Boolean> connected = ctx.inboxes().chatConnected(inboxId);
        require(connected.isPresent(), "settings.inboxId", "no such inbox in this portal");
        require(connected.get(), "settings.inboxId", "the inbox has no connected chat channel");
    }

    private static void assignment(ChatflowSettings.Assignment a) {
        if (a == null) {
            return;
        }
        ids(a.userIds(), 50, "settings.assignment.userIds");
        ids(a.teamIds(), 50, "settings.assignment.teamIds");
        boolean someone = (a.userIds() != null && !a.userIds().isEmpty())
                || (a.teamIds() != null && !a.teamIds().isEmpty());
        require(!a.enabled() || someone, "settings.assignment", "auto-assignment needs at least one user or team");
    }

    private static void emailCapture(ChatflowSettings.EmailCapture e) {
        if (e != null) {
            oneOf(e.mode(), EmailCaptureMode.class, "settings.emailCapture.mode");
            maxLength(e.prompt(), 1000, "settings.emailCapture.prompt");
        }
    }

    private static void knowledgeBase(ChatflowSettings s, Context ctx) {
        boolean enough = ctx.knowledgeBaseArticles() >= MIN_KB_ARTICLES;
        require(!"KB_SEARCH_AND_LIVE_CHAT".equals(s.type()) || enough, "settings.type",
                "knowledge-base search needs at least " + MIN_KB_ARTICLES + " published articles (the portal has "
                        + ctx.knowledgeBaseArticles() + ")");
        ChatflowSettings.KnowledgeBase kb = s.knowledgeBase();
        if (kb != null) {
            require(!kb.enabled() || enough, "settings.knowledgeBase.enabled",
                    "knowledge-base search needs at least " + MIN_KB_ARTICLES + " published articles");
            if (kb.knowledgeBaseId() != null) {
                id(kb.knowledgeBaseId(), "settings.knowledgeBase.knowledgeBaseId");
            }
        }
    }

    private static void consent(ChatflowSettings.Consent c) {
        if (c == null) {
            return;
        }
        if (c.cookieBanner() != null) {
            oneOf(c.cookieBanner().timing(), CookieBannerTiming.class, "settings.consent.cookieBanner.timing");
            maxLength(c.cookieBanner().text(), TEXT, "settings.consent.cookieBanner.text");
        }
        if (c.processing() != null) {
            oneOf(c.processing().basis(), ConsentBasis.class, "settings.consent.processing.basis");
            maxLength(c.processing().text(), TEXT, "settings.consent.processing.text");
        }
        ChatflowSettings.Communication comm = c.communication();
        if (comm != null) {
            maxLength(comm.label(), 1000, "settings.consent.communication.label");
            maxLength(comm.subscriptionType(), 100, "settings.consent.communication.subscriptionType");
            if (comm.enabled()) {
                notBlank(comm.subscriptionType(), "settings.consent.communication.subscriptionType");
            }
        }
    }

    static void awayAndCapacity(ChatflowSettings.Availability a) {
        if (a.away() != null) {
            oneOf(a.away().behaviour(), AwayBehaviour.class, "settings.availability.away.behaviour");
            maxLength(a.away().message(), 2000, "settings.availability.away.message");
        }
        if (a.atCapacity() != null) {
            oneOf(a.atCapacity().behaviour(), AtCapacityBehaviour.class,
                    "settings.availability.atCapacity.behaviour");
            maxLength(a.atCapacity().message(), 2000, "settings.availability.atCapacity.message");
        }
    }
}
