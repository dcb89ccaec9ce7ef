package dev.parley.conversation.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisitorUpgradeCheckTest {

    @Test
    void theTokenIsReadFromTheRawQuery() {
        assertThat(VisitorUpgradeCheck.queryParam("token=eyJ.a-b_c.d", "token")).isEqualTo("eyJ.a-b_c.d");
        assertThat(VisitorUpgradeCheck.queryParam("x=1&token=a%2Bb%3D&y=2", "token")).isEqualTo("a+b=");
        assertThat(VisitorUpgradeCheck.queryParam("tokens=1&xtoken=2&token=3", "token")).isEqualTo("3");
        assertThat(VisitorUpgradeCheck.queryParam("token=", "token")).isEmpty();
    }

    @Test
    void aMissingOrBadlyEncodedTokenIsNull() {
        assertThat(VisitorUpgradeCheck.queryParam(null, "token")).isNull();
        assertThat(VisitorUpgradeCheck.queryParam("", "token")).isNull();
        assertThat(VisitorUpgradeCheck.queryParam("token", "token")).isNull();
        assertThat(VisitorUpgradeCheck.queryParam("tokenx=1", "token")).isNull();
        assertThat(VisitorUpgradeCheck.queryParam("token=%zz", "token")).isNull();
    }
}
