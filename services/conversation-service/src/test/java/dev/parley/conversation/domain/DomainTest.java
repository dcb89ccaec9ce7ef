package dev.parley.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pure rules: who may post what, who sees a conversation, and the per-visitor rate limit. */
class DomainTest {

    static Conversation conversation(String status, boolean consentRequired, boolean consentGiven) {
        return new Conversation("c", "demo", "v1", null, "f", 1, null, null, status, true, consentRequired,
                consentGiven, "AFTER_FIRST_MESSAGE", false, null, 3);
    }

    @Test
    void postPolicyRefusesWithTheProtocolCodes() {
        assertThat(PostPolicy.refusal(conversation("OPEN", false, false), "VISITOR", "hi")).isEmpty();
        assertThat(PostPolicy.refusal(conversation("OPEN", false, false), "VISITOR", " ")).contains("bad_frame");
        assertThat(PostPolicy.refusal(conversation("OPEN", false, false), "VISITOR", "x".repeat(4001)))
                .contains("too_large");
        assertThat(PostPolicy.refusal(conversation("CLOSED", false, false), "AGENT", "hi")).contains("closed");
        assertThat(PostPolicy.refusal(conversation("OPEN", true, false), "VISITOR", "hi"))
                .contains("consent_required");
        assertThat(PostPolicy.refusal(conversation("OPEN", true, false), "AGENT", "hi")).isEmpty();
        assertThat(PostPolicy.refusal(conversation("OPEN", true, true), "VISITOR", "hi")).isEmpty();
    }

    @Test
    void accessIsTheOwnVisitorOrAnAgentOfThePortal() {
        Conversation c = conversation("OPEN", false, false);
        assertThat(Access.visitor(c, "demo", "v1")).isTrue();
        assertThat(Access.visitor(c, "demo", "v2")).isFalse();
        assertThat(Access.visitor(c, "other", "v1")).isFalse();
        assertThat(Access.agent(c, "demo")).isTrue();
        assertThat(Access.agent(c, "other")).isFalse();
    }

    @Test
    void theMessageAllowanceAllowsABurstThenRefillsOverAMinute() {
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        MessageAllowance a = MessageAllowance.full(3, t0);
        for (int i = 0; i < 3; i++) {
            assertThat(a.allowsOne()).isTrue();
            a = a.spendOne();
        }
        assertThat(a.allowsOne()).isFalse();
        assertThat(a.refilled(3, t0.plusMillis(19_000)).allowsOne()).isFalse();
        assertThat(a.refilled(3, t0.plusMillis(20_001)).allowsOne()).as("one token per 20 s at 3 per minute").isTrue();
        assertThat(a.refilled(3, t0.plusSeconds(3_600)).tokens()).as("never above the burst").isEqualTo(3.0);
        // Another instance's clock a little behind: no refill, and the bucket's time does not go back.
        MessageAllowance behind = a.refilled(3, t0.minusSeconds(5));
        assertThat(behind.allowsOne()).isFalse();
        assertThat(behind.at()).isEqualTo(t0);
    }

    @Test
    void emailIsAskedAfterTheFirstMessageOnlyWhenConfiguredAndUnknown() {
        assertThat(PostPolicy.askEmailAfterFirstMessage(conversation("OPEN", false, false))).isTrue();
        Conversation known = new Conversation("c", "demo", "v1", "ann@example.com", "f", 1, null, null, "OPEN", true,
                false, false, "AFTER_FIRST_MESSAGE", false, null, 3);
        assertThat(PostPolicy.askEmailAfterFirstMessage(known)).isFalse();
    }
}
