package dev.parley.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkersTest {

    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);

    @Test
    void oneSubjectOneMarkerThatNamesNoIdentity() {
        String marker = Markers.marker(KEY, "demo", "Ada@Example.com");
        assertThat(marker).isEqualTo(Markers.marker(KEY, "demo", " ada@example.com "));
        assertThat(marker).startsWith(Markers.PREFIX).doesNotContainIgnoringCase("ada");
        assertThat(Markers.isMarker(marker)).isTrue();
        assertThat(Markers.marker(KEY, "other", "ada@example.com")).isNotEqualTo(marker);
        assertThat(Markers.marker("x".repeat(32).getBytes(StandardCharsets.UTF_8), "demo", "ada@example.com"))
                .isNotEqualTo(marker);
    }
}
