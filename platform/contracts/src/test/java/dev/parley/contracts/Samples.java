package dev.parley.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.*;
import java.time.Instant;
import java.util.List;

/** One event of every type with every field set, each id distinct, so a test sees which field key() picked. */
final class Samples {

    static final String PORTAL = "portal-1";
    static final String CHATFLOW = "chatflow-1";
    static final String CONVERSATION = "conversation-1";
    static final String AGENT = "agent-1";
    static final String VISITOR = "visitor-1";
    static final String EMAIL = "ada@example.com";
    static final String SUBJECT = "subject@example.com";

    record Sample(ParleyEvent event, String topic, String key) {
        @Override
        public String toString() {
            return event.type();
        }
    }

    private Samples() {
    }

    static List<Sample> all() {
        return List.of(
                chatflows(), conversations(), routing(), presence(), availability(), consents(), surveys(), privacy())
                .stream().flatMap(List::stream).toList();
    }

    static ChatflowSnapshot snapshot() {
        ChatflowSettings settings = new ChatflowSettings("LIVE_CHAT", "en", "inbox-1", "Hi! How can we help?",
                new ChatflowSettings.Assignment(true, List.of("agent-1"), List.of("team-1")),
                new ChatflowSettings.EmailCapture("WHEN_NO_AGENT", "Where can we reach you?"),
                new ChatflowSettings.KnowledgeBase(false, null),
                new ChatflowSettings.Availability("BUSINESS_HOURS",
                        List.of(new ChatflowSettings.HoursRange("MONDAY", "22:00", "06:00")), List.of("2026-12-25"),
                        "A_FEW_MINUTES", new ChatflowSettings.Away("SHOW_AWAY_MESSAGE", "Back tomorrow"),
                        new ChatflowSettings.AtCapacity("SHOW_WAITING_MESSAGE", "All agents are busy")),
                new ChatflowSettings.Header("BRAND", "Acme", "https://acme.test/logo.png", true, List.of(), List.of(),
                        null),
                new ChatflowSettings.Display("PROMPT_THEN_OPEN", "LAUNCHER_ONLY",
                        new ChatflowSettings.Triggers(List.of("DESKTOP"), true, 10, 50), true),
                new ChatflowSettings.Targeting(
                        List.of(new ChatflowSettings.TargetRule("URL", "STARTS_WITH", null, "https://acme.test/")),
                        List.of(new ChatflowSettings.TargetRule("DEVICE", "IS", null, "PHONE")),
                        List.of(List.of(new ChatflowSettings.VisitorRule("lifecycleStage", "IS", "customer")))),
                new ChatflowSettings.Consent(new ChatflowSettings.CookieBanner("BEFORE_CHAT", "Cookies?", "c0ffee"),
                        new ChatflowSettings.Processing("EXPLICIT", "We process...", "abc123"),
                        new ChatflowSettings.Communication(true, "newsletter", "Send me news", "def456"), true),
                "survey-1", null);
        return new ChatflowSnapshot(CHATFLOW, PORTAL, 3, "WEBSITE", "Pricing", true, 10, "Europe/Berlin",
                Instant.parse("2026-11-21T10:00:00Z"), settings);
    }

    private static List<Sample> chatflows() {
        return List.of(
                sample(ChatflowPublished.of(PORTAL, CHATFLOW, 3, "WEBSITE", snapshot()), Topics.CHATFLOWS, CHATFLOW),
                sample(ChatflowDeleted.of(PORTAL, CHATFLOW), Topics.CHATFLOWS, CHATFLOW));
    }

    private static List<Sample> conversations() {
        return List.of(
                conversation(ConversationStarted.of(PORTAL, CONVERSATION, CHATFLOW, 3, "inbox-1", VISITOR, EMAIL,
                        "https://shop.example.com/pricing?plan=pro", "WEB")),
                conversation(MessagePosted.of(PORTAL, CONVERSATION, 42L, "message-1", "client-msg-1", "VISITOR",
                        VISITOR, "Ada", "Hello \"there\" — ünïcødé ✓ <b>\n",
                        Instant.parse("2026-03-01T10:15:30.123Z"))),
                conversation(VisitorIdentified.of(PORTAL, CONVERSATION, VISITOR, EMAIL, "Ada", "Lovelace")),
                conversation(EmailCaptured.of(PORTAL, CONVERSATION, VISITOR, EMAIL)),
                conversation(ConsentSubmitted.of(PORTAL, CONVERSATION, VISITOR, EMAIL, CHATFLOW, 3, "COMMUNICATION",
                        "EXPLICIT", true, "sha256:ab12", "en", "newsletter", "WEB")),
                conversation(SurveyAnswerSubmitted.of(PORTAL, CONVERSATION, "survey-1", VISITOR, 5, "Great help")),
                conversation(ConversationClosed.of(PORTAL, CONVERSATION, CHATFLOW, "AGENT", AGENT, AGENT)),
                conversation(ConversationReopened.of(PORTAL, CONVERSATION, VISITOR)));
    }

    private static List<Sample> routing() {
        return List.of(
                sample(ConversationQueued.of(PORTAL, CONVERSATION, CHATFLOW, 2, 90L), Topics.ROUTING, CONVERSATION),
                sample(ConversationAssigned.of(PORTAL, CONVERSATION, CHATFLOW, AGENT, "Grace H.",
                        "https://cdn.example.com/a.png", true, "admin-1"), Topics.ROUTING, CONVERSATION),
                sample(ConversationUnassigned.of(PORTAL, CONVERSATION, CHATFLOW, AGENT, "AGENT_AWAY"),
                        Topics.ROUTING, CONVERSATION),
                sample(ConversationTransferred.of(PORTAL, CONVERSATION, CHATFLOW, AGENT, "agent-2", "team-1",
                        AGENT), Topics.ROUTING, CONVERSATION));
    }

    private static List<Sample> presence() {
        return List.of(
                sample(AgentConnected.of(PORTAL, AGENT, "instance-1", "connection-1"), Topics.PRESENCE, AGENT),
                sample(AgentDisconnected.of(PORTAL, AGENT, "instance-1", "connection-1"), Topics.PRESENCE, AGENT),
                sample(AgentStatusChanged.of(PORTAL, AGENT, "AWAY"), Topics.PRESENCE, AGENT),
                sample(AgentCapacityChanged.of(PORTAL, AGENT, 4), Topics.PRESENCE, AGENT));
    }

    private static List<Sample> availability() {
        return List.of(sample(AvailabilityChanged.of(PORTAL, CHATFLOW, "AT_CAPACITY"), Topics.AVAILABILITY, CHATFLOW));
    }

    private static List<Sample> consents() {
        return List.of(
                sample(ConsentRecorded.of(PORTAL, "entry-1", VISITOR, EMAIL, CHATFLOW, 3, "PROCESSING",
                        "LEGITIMATE_INTEREST", true, "sha256:cd34"), Topics.CONSENTS, EMAIL),
                sample(ConsentWithdrawn.of(PORTAL, "entry-2", VISITOR, EMAIL, "COMMUNICATION", "newsletter"),
                        Topics.CONSENTS, EMAIL));
    }

    private static List<Sample> surveys() {
        return List.of(
                sample(SurveyInvited.of(PORTAL, CONVERSATION, "survey-1", "How did we do?", 1, 5, "FIVE_POINT", "en",
                        "What went wrong?", "What did you like?", "Thank you!",
                        Instant.parse("2026-11-28T10:00:00Z")),
                        Topics.SURVEYS, CONVERSATION),
                sample(SurveyAnswered.of(PORTAL, CONVERSATION, "survey-1", "response-1", 4, "Quick"),
                        Topics.SURVEYS, CONVERSATION),
                sample(SurveyDefined.of(PORTAL, "survey-1", "After chat", "CHAT", true, 2),
                        Topics.SURVEYS, "survey-1"));
    }

    private static List<Sample> privacy() {
        JsonNode data = EventJson.mapper().createObjectNode().putArray("conversations").add(CONVERSATION);
        return List.of(
                sample(ErasureRequested.of(PORTAL, "request-1", SUBJECT), Topics.PRIVACY, SUBJECT),
                sample(ExportRequested.of(PORTAL, "request-2", SUBJECT), Topics.PRIVACY, SUBJECT),
                sample(ErasureCompleted.of(PORTAL, "request-1", SUBJECT, "conversation-service", 17L),
                        Topics.PRIVACY, SUBJECT),
                sample(ExportPart.of(PORTAL, "request-2", SUBJECT, "survey-service", data), Topics.PRIVACY, SUBJECT));
    }

    private static Sample conversation(ConversationEvent event) {
        return sample(event, Topics.CONVERSATIONS, CONVERSATION);
    }

    private static Sample sample(ParleyEvent event, String topic, String key) {
        return new Sample(event, topic, key);
    }
}
