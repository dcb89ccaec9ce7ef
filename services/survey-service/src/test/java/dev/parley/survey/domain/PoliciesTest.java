package dev.parley.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.survey.domain.AnswerPolicy.Verdict;
import dev.parley.survey.domain.InvitationPolicy.Decision;
import dev.parley.survey.domain.InvitationPolicy.History;
import dev.parley.survey.domain.InvitationPolicy.LinkedSurvey;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    private static final LinkedSurvey CHAT = new LinkedSurvey("CHAT", false, false);
    private static final LinkedSurvey CHAT_REINVITE = new LinkedSurvey("CHAT", false, true);
    private static final Instant EXPIRES = Instant.parse("2026-03-29T12:00:00Z");

    @Test
    void theFirstCloseOfAChatflowWithAChatSurveyInvites() {
        assertThat(InvitationPolicy.decide(CHAT, new History(0, false))).isEqualTo(Decision.INVITE);
        assertThat(InvitationPolicy.decide(CHAT, new History(0, true))).isEqualTo(Decision.INVITE);
    }

    @Test
    void noSurveyANonChatSurveyOrAnArchivedOneInvitesNobody() {
        assertThat(InvitationPolicy.decide(null, new History(0, false))).isEqualTo(Decision.NO_SURVEY);
        assertThat(InvitationPolicy.decide(new LinkedSurvey("EMAIL", false, true), new History(0, false)))
                .isEqualTo(Decision.NOT_CHAT);
        assertThat(InvitationPolicy.decide(new LinkedSurvey("CHAT", true, true), new History(0, false)))
                .isEqualTo(Decision.ARCHIVED);
    }

    @Test
    void aSecondCloseWithoutAReopenInvitesNoMore() {
        assertThat(InvitationPolicy.decide(CHAT_REINVITE, new History(1, false))).isEqualTo(Decision.ALREADY_INVITED);
    }

    @Test
    void aReopenedConversationIsInvitedOnceMoreOnlyWhenTheSurveyAllowsIt() {
        assertThat(InvitationPolicy.decide(CHAT_REINVITE, new History(1, true))).isEqualTo(Decision.INVITE);
        assertThat(InvitationPolicy.decide(CHAT, new History(1, true))).isEqualTo(Decision.ALREADY_INVITED);
        assertThat(InvitationPolicy.decide(CHAT_REINVITE, new History(2, true))).isEqualTo(Decision.ALREADY_INVITED);
    }

    @Property
    void neverMoreThanTwoInvitations(@ForAll @IntRange(min = 0, max = 50) int invitations,
                                     @ForAll boolean reopened, @ForAll boolean reinvite, @ForAll boolean archived) {
        Decision d = InvitationPolicy.decide(new LinkedSurvey("CHAT", archived, reinvite),
                new History(invitations, reopened));
        if (d == Decision.INVITE) {
            assertThat(invitations).isLessThan(InvitationPolicy.MAX_ROUNDS);
            assertThat(archived).isFalse();
            assertThat(invitations == 0 || (reopened && reinvite)).isTrue();
        }
    }

    @Test
    void answersAreJudgedAgainstTheLatestInvitation() {
        var open = new AnswerPolicy.Invitation("s1", Scale.FIVE_POINT, EXPIRES, false);
        Instant before = EXPIRES.minusSeconds(1);

        assertThat(AnswerPolicy.judge(open, "s1", 4, before)).isEqualTo(Verdict.ACCEPTED);
        assertThat(AnswerPolicy.judge(null, "s1", 4, before)).isEqualTo(Verdict.UNKNOWN_INVITATION);
        assertThat(AnswerPolicy.judge(open, "s2", 4, before)).isEqualTo(Verdict.UNKNOWN_INVITATION);
        assertThat(AnswerPolicy.judge(open, "s1", 4, EXPIRES)).isEqualTo(Verdict.EXPIRED);
        assertThat(AnswerPolicy.judge(open, "s1", 4, null)).isEqualTo(Verdict.EXPIRED);
        assertThat(AnswerPolicy.judge(open, "s1", 6, before)).isEqualTo(Verdict.OUT_OF_RANGE);
        assertThat(AnswerPolicy.judge(open, "s1", 0, before)).isEqualTo(Verdict.OUT_OF_RANGE);
        var answered = new AnswerPolicy.Invitation("s1", Scale.FIVE_POINT, EXPIRES, true);
        assertThat(AnswerPolicy.judge(answered, "s1", 4, before)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void theEmojiScaleHasThreePoints() {
        var emoji = new AnswerPolicy.Invitation("s1", Scale.EMOJI_3, EXPIRES, false);
        Instant before = EXPIRES.minusSeconds(60);

        assertThat(AnswerPolicy.judge(emoji, "s1", 3, before)).isEqualTo(Verdict.ACCEPTED);
        assertThat(AnswerPolicy.judge(emoji, "s1", 4, before)).isEqualTo(Verdict.OUT_OF_RANGE);
        assertThat(Scale.EMOJI_3.satisfied(3)).isTrue();
        assertThat(Scale.EMOJI_3.satisfied(2)).isFalse();
        assertThat(Scale.EMOJI_3.low(1)).isTrue();
    }

    @Property
    void satisfiedMeansTheTopTwoOfFive(@ForAll @IntRange(min = -3, max = 9) int score) {
        assertThat(Scale.FIVE_POINT.satisfied(score)).isEqualTo(score == 4 || score == 5);
        assertThat(Scale.FIVE_POINT.low(score)).isEqualTo(score == 1 || score == 2);
        assertThat(Scale.FIVE_POINT.inRange(score)).isEqualTo(score >= 1 && score <= 5);
    }

    @Test
    void commentsAreTrimmedCutAndFreeOfControlCharacters() {
        assertThat(AnswerPolicy.comment(null)).isNull();
        assertThat(AnswerPolicy.comment("  \n ")).isNull();
        assertThat(AnswerPolicy.comment(" ok\u0000 <script>x</script>\n")).isEqualTo("ok <script>x</script>");
        assertThat(AnswerPolicy.comment("a".repeat(2500))).hasSize(AnswerPolicy.COMMENT);
        String emoji = "a".repeat(AnswerPolicy.COMMENT - 1) + "\uD83D\uDE00";
        assertThat(AnswerPolicy.comment(emoji)).hasSize(AnswerPolicy.COMMENT - 1);
    }
}
