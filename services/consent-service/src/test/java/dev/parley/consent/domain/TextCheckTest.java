package dev.parley.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.Vocabulary.ConsentKind;
import dev.parley.contracts.chatflow.ChatflowSettings;
import org.junit.jupiter.api.Test;

class TextCheckTest {

    private static final String BANNER = "Cookies keep the chat working.";
    private static final String PROCESSING = "We process your data.";
    private static final String LABEL = "Newsletter, please";

    private static ChatflowSettings settings(String bannerTiming, boolean communication, String processingHash) {
        var consent = new ChatflowSettings.Consent(
                new ChatflowSettings.CookieBanner(bannerTiming, BANNER, TextCheck.sha256(BANNER)),
                new ChatflowSettings.Processing("EXPLICIT", PROCESSING, processingHash),
                new ChatflowSettings.Communication(communication, "news", LABEL, TextCheck.sha256(LABEL)), true);
        return new ChatflowSettings("LIVE_CHAT", "en", null, null, null, null, null, null, null, null, null, consent,
                null, null);
    }

    private static final ChatflowSettings ALL = settings("BEFORE_CHAT", true, TextCheck.sha256(PROCESSING));

    @Test
    void eachStepAcceptsExactlyItsOwnText() {
        var processing = TextCheck.check(ALL, ConsentKind.PROCESSING, TextCheck.sha256(PROCESSING), null);
        assertThat(processing.accepted()).isTrue();
        assertThat(processing.shown().text()).isEqualTo(PROCESSING);
        assertThat(processing.shown().basis()).isEqualTo("EXPLICIT");
        var communication = TextCheck.check(ALL, ConsentKind.COMMUNICATION, TextCheck.sha256(LABEL), null);
        assertThat(communication.shown().subscriptionType()).isEqualTo("news");
        assertThat(communication.shown().marketingContact()).isTrue();
        assertThat(TextCheck.check(ALL, ConsentKind.COOKIES, TextCheck.sha256(BANNER), null).accepted()).isTrue();

        assertThat(TextCheck.check(ALL, ConsentKind.COOKIES, TextCheck.sha256(PROCESSING), null).field())
                .isEqualTo("textHash");
        assertThat(TextCheck.check(ALL, ConsentKind.PROCESSING, TextCheck.sha256(LABEL), null).field())
                .isEqualTo("textHash");
    }

    @Test
    void aStepTheVersionDidNotShowIsRefused() {
        assertThat(TextCheck.check(settings("OFF", true, TextCheck.sha256(PROCESSING)), ConsentKind.COOKIES,
                TextCheck.sha256(BANNER), null).field()).isEqualTo("kind");
        assertThat(TextCheck.check(settings("OFF", false, TextCheck.sha256(PROCESSING)), ConsentKind.COMMUNICATION,
                TextCheck.sha256(LABEL), null).field()).isEqualTo("kind");
        assertThat(TextCheck.check(null, ConsentKind.PROCESSING, TextCheck.sha256(PROCESSING), null).field())
                .isEqualTo("chatflowVersion");
    }

    @Test
    void malformedHashesOtherSubscriptionTypesAndInconsistentSnapshotsAreRefused() {
        assertThat(TextCheck.check(ALL, ConsentKind.PROCESSING, null, null).field()).isEqualTo("textHash");
        assertThat(TextCheck.check(ALL, ConsentKind.PROCESSING, TextCheck.sha256(PROCESSING).toUpperCase(), null)
                .field()).isEqualTo("textHash");
        assertThat(TextCheck.check(ALL, ConsentKind.COMMUNICATION, TextCheck.sha256(LABEL), "other").field())
                .isEqualTo("subscriptionType");
        // A snapshot whose published hash does not match its own text proves nothing.
        String wrong = TextCheck.sha256("something else");
        assertThat(TextCheck.check(settings("OFF", false, wrong), ConsentKind.PROCESSING, wrong, null).reason())
                .contains("does not hash");
    }
}
