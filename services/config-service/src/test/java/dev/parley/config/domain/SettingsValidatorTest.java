package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.EventJson;
import dev.parley.contracts.chatflow.ChatflowSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class SettingsValidatorTest {

    /** Every setting filled in, valid. */
    public static final String VALID = """
            {"type":"LIVE_CHAT","language":"en","inboxId":"inbox-1","welcomeMessage":"Hi <b>there</b>",
             "assignment":{"enabled":true,"userIds":["u1","u2"],"teamIds":["t1"]},
             "emailCapture":{"mode":"BEFORE_CHAT","prompt":"Your email?"},
             "knowledgeBase":{"enabled":false},
             "availability":{"mode":"BUSINESS_HOURS","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"},
                {"day":"FRIDAY","start":"22:00","end":"02:00"},{"day":"SATURDAY","start":"02:00","end":"06:00"}],
                "holidays":["2026-12-25"],"typicalResponseTime":"FEW_HOURS",
                "away":{"behaviour":"SHOW_RETURN_TIME","message":"Back at nine"},
                "atCapacity":{"behaviour":"SHOW_WAITING_MESSAGE","message":"Busy"}},
             "header":{"mode":"CONTACT_OWNER","brandName":"Acme","brandImageUrl":"https://acme.test/logo.png",
                "brandAsAgentAlias":true,"userIds":["u1"],"teamIds":[],"ownerFallbackMode":"BRAND"},
             "display":{"desktopBehaviour":"PROMPT_THEN_OPEN","mobileBehaviour":"LAUNCHER_ONLY",
                "triggers":{"devices":["DESKTOP","TABLET"],"exitIntent":true,"timeOnPageSeconds":5,"scrollPercent":50},
                "showCloseButton":true},
             "targeting":{"rules":[{"kind":"URL","op":"STARTS_WITH","value":"https://acme.test/"},
                {"kind":"QUERY_PARAM","op":"IS","name":"utm","value":"ads"}],
                "exclusions":[{"kind":"URL","op":"MATCHES","value":"/privacy(-policy)?$"},
                {"kind":"DEVICE","op":"IS","value":"PHONE"}],
                "visitorFilterGroups":[[{"property":"KNOWN_CONTACT"},{"property":"lifecycleStage","op":"IS","value":"customer"}],
                [{"property":"UNKNOWN_VISITOR"}]]},
             "consent":{"cookieBanner":{"timing":"BEFORE_CHAT","text":"Cookies?"},
                "processing":{"basis":"EXPLICIT","text":"We process"},
                "communication":{"enabled":true,"subscriptionType":"newsletter","label":"Send me news"},
                "marketingContact":true},
             "surveyId":"survey-1","mobileTag":null}
            """;

    static final SettingsValidator.Context WEBSITE = new SettingsValidator.Context("WEBSITE",
            id -> id.equals("inbox-1") ? Optional.of(true) : id.equals("inbox-off") ? Optional.of(false)
                    : Optional.empty(), 0, true);

    static ObjectNode valid() {
        try {
            return (ObjectNode) EventJson.mapper().readTree(VALID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ChatflowSettings settings(JsonNode node) {
        return EventJson.mapper().convertValue(node, ChatflowSettings.class);
    }

    /** Sets {@code value} (JSON) at a JSON pointer of the valid settings. */
    static ChatflowSettings with(String pointer, String value) {
        ObjectNode root = valid();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        JsonNode v;
        try {
            v = EventJson.mapper().readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), v);
        } else {
            ((ObjectNode) parent).set(last, v);
        }
        return settings(root);
    }

    static String failure(ChatflowSettings s, SettingsValidator.Context ctx) {
        SettingsViolation v = catchThrowableOfType(SettingsViolation.class, () -> SettingsValidator.validate(s, ctx));
        assertThat(v).as("a violation").isNotNull();
        return v.field();
    }

    @Test
    void everySettingFilledInIsValid() {
        assertThatCode(() -> SettingsValidator.validate(settings(valid()), WEBSITE)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/type | \"FAX\" | settings.type",
            "/language | \"english\" | settings.language",
            "/inboxId | \"inbox-9\" | settings.inboxId",
            "/inboxId | \"inbox-off\" | settings.inboxId",
            "/inboxId | \"bad id with spaces\" | settings.inboxId",
            "/welcomeMessage | \"" + "x" + "\" | ",
            "/assignment/userIds | [] | ",
            "/assignment | {\"enabled\":true,\"userIds\":[],\"teamIds\":[]} | settings.assignment",
            "/assignment/userIds/1 | \"u1\" | settings.assignment.userIds[1]",
            "/emailCapture/mode | \"SOMETIMES\" | settings.emailCapture.mode",
            "/knowledgeBase/enabled | true | settings.knowledgeBase.enabled",
            "/availability/mode | \"NEVER\" | settings.availability.mode",
            "/availability/hours | [] | settings.availability.hours",
            "/availability/hours/1/end | \"25:00\" | settings.availability.hours[1].end",
            "/availability/hours/1/start | \"9am\" | settings.availability.hours[1].start",
            "/availability/hours/1/day | \"FUNDAY\" | settings.availability.hours[1].day",
            "/availability/hours/0/end | \"09:00\" | settings.availability.hours[0].end",
            "/availability/hours/2/start | \"01:00\" | settings.availability.hours[2]",
            "/availability/hours/1 | {\"day\":\"MONDAY\",\"start\":\"16:00\",\"end\":\"18:00\"} | settings.availability.hours[1]",
            "/availability/holidays/0 | \"25.12.2026\" | settings.availability.holidays[0]",
            "/availability/typicalResponseTime | \"SOON\" | settings.availability.typicalResponseTime",
            "/availability/away/behaviour | \"CRY\" | settings.availability.away.behaviour",
            "/availability/atCapacity/behaviour | \"PANIC\" | settings.availability.atCapacity.behaviour",
            "/header/mode | \"LOUD\" | settings.header.mode",
            "/header/ownerFallbackMode | \"CONTACT_OWNER\" | settings.header.ownerFallbackMode",
            "/header/brandName | \"\" | settings.header.brandName",
            "/header/brandImageUrl | \"javascript:alert(1)\" | settings.header.brandImageUrl",
            "/display/desktopBehaviour | \"PROMPT\" | settings.display.triggers",
            "/display/mobileBehaviour | \"PROMPT_THEN_OPEN\" | settings.display.mobileBehaviour",
            "/display/triggers/scrollPercent | 101 | settings.display.triggers.scrollPercent",
            "/display/triggers/timeOnPageSeconds | 0 | settings.display.triggers.timeOnPageSeconds",
            "/display/triggers/devices/0 | \"WATCH\" | settings.display.triggers.devices[0]",
            "/targeting/rules/0/op | \"LIKE\" | settings.targeting.rules[0].op",
            "/targeting/rules/0/kind | \"COOKIE\" | settings.targeting.rules[0].kind",
            "/targeting/rules/0/value | \"\" | settings.targeting.rules[0].value",
            "/targeting/rules/1/name | \" \" | settings.targeting.rules[1].name",
            "/targeting/exclusions/0/value | \"/privacy(\" | settings.targeting.exclusions[0].value",
            "/targeting/exclusions/1/value | \"FRIDGE\" | settings.targeting.exclusions[1].value",
            "/targeting/exclusions/1/op | \"CONTAINS\" | settings.targeting.exclusions[1].op",
            "/targeting/visitorFilterGroups/0/1/op | \"ABOUT\" | settings.targeting.visitorFilterGroups[0][1].op",
            "/targeting/visitorFilterGroups/1 | [] | settings.targeting.visitorFilterGroups[1]",
            "/consent/cookieBanner/timing | \"SOMETIMES\" | settings.consent.cookieBanner.timing",
            "/consent/processing/basis | \"IMPLIED\" | settings.consent.processing.basis",
            "/consent/communication/subscriptionType | null | settings.consent.communication.subscriptionType",
            "/surveyId | \"../etc\" | settings.surveyId",
            "/mobileTag | \"demo-app\" | settings.mobileTag"})
    void eachBadSettingIsNamed(String pointer, String value, String field) {
        ChatflowSettings s = with(pointer, value);
        if (field == null) {
            assertThatCode(() -> SettingsValidator.validate(s, WEBSITE)).doesNotThrowAnyException();
        } else {
            assertThat(failure(s, WEBSITE)).isEqualTo(field);
        }
    }

    @Test
    void knowledgeBaseTypeNeedsThreePublishedArticles() {
        ChatflowSettings kb = with("/type", "\"KB_SEARCH_AND_LIVE_CHAT\"");
        assertThat(failure(kb, new SettingsValidator.Context("WEBSITE", WEBSITE.inboxes(), 2, true)))
                .isEqualTo("settings.type");
        assertThatCode(() -> SettingsValidator.validate(kb, new SettingsValidator.Context("WEBSITE",
                WEBSITE.inboxes(), 3, true))).doesNotThrowAnyException();
    }

    @Test
    void aDraftMayLackAnInboxButAPublishMayNot() {
        ChatflowSettings noInbox = with("/inboxId", "null");
        var draft = new SettingsValidator.Context("WEBSITE", WEBSITE.inboxes(), 0, false);
        assertThatCode(() -> SettingsValidator.validate(noInbox, draft)).doesNotThrowAnyException();
        assertThat(failure(noInbox, WEBSITE)).isEqualTo("settings.inboxId");
        assertThatCode(() -> SettingsValidator.validate(null, draft)).doesNotThrowAnyException();
        assertThat(failure(null, WEBSITE)).isEqualTo("settings.inboxId");
    }

    @Test
    void mobileChatflowsNeedATagAndNoTargeting() {
        var mobile = new SettingsValidator.Context("MOBILE", WEBSITE.inboxes(), 0, true);
        assertThat(failure(with("/mobileTag", "null"), mobile)).isEqualTo("settings.mobileTag");
        assertThat(failure(with("/mobileTag", "\"demo-app\""), mobile)).isEqualTo("settings.targeting");
        ObjectNode node = valid();
        node.remove("targeting");
        node.put("mobileTag", "Demo App");
        assertThat(failure(settings(node), mobile)).isEqualTo("settings.mobileTag");
        node.put("mobileTag", "demo-app");
        assertThatCode(() -> SettingsValidator.validate(settings(node), mobile)).doesNotThrowAnyException();
    }

    @Test
    void hoursAcrossMidnightMayTouchButNotOverlapTheNextDay() {
        assertThatCode(() -> SettingsValidator.validate(with("/availability/hours/2/start", "\"02:00\""), WEBSITE))
                .doesNotThrowAnyException();
        assertThat(failure(with("/availability/hours/2",
                "{\"day\":\"SATURDAY\",\"start\":\"01:59\",\"end\":\"03:00\"}"), WEBSITE)).isEqualTo(
                "settings.availability.hours[2]");
        assertThat(failure(with("/availability/hours/2",
                "{\"day\":\"SUNDAY\",\"start\":\"23:00\",\"end\":\"09:30\"}"), WEBSITE)).isEqualTo(
                "settings.availability.hours[2]");
    }
}
