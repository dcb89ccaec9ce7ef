package dev.parley.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theRateLimiterAllowsABurstThenRefillsOverAMinute() {
        RateLimiter limiter = new RateLimiter(3);
        assertThat(limiter.allow("v", 0)).isTrue();
        assertThat(limiter.allow("v", 0)).isTrue();
        assertThat(limiter.allow("v", 0)).isTrue();
        assertThat(limiter.allow("v", 0)).isFalse();
        assertThat(limiter.allow("w", 0)).as("per visitor").isTrue();
        assertThat(limiter.allow("v", 19_000)).isFalse();
        assertThat(limiter.allow("v", 20_001)).isTrue();
    }

    @Test
    void emailIsAskedAfterTheFirstMessageOnlyWhenConfiguredAndUnknown() {
        assertThat(PostPolicy.askEmailAfterFirstMessage(conversation("OPEN", false, false))).isTrue();
        Conversation known = new Conversation("c", "demo", "v1", "ann@example.com", "f", 1, null, null, "OPEN", true,
                false, false, "AFTER_FIRST_MESSAGE", false, null, 3);
        assertThat(PostPolicy.askEmailAfterFirstMessage(known)).isFalse();
    }
}
