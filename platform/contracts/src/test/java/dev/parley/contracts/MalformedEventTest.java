package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything here must go to the dead-letter topic, so it must fail with the one exception consumers expect. */
class MalformedEventTest {

    private static final String ID = "\"eventId\":\"0b9b7c1e-3f1a-4d8e-9c55-2a7e4f0c1d23\"";
    private static final String PORTAL = "\"portalId\":\"portal-1\"";

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "not json", "{\"type\":", "{\"type\":\"MessagePosted\"} trailing", "[]", "\"MessagePosted\"", "42",
        "null", "{}",
        "{" + ID + "," + PORTAL + "}",
        "{\"type\":42," + ID + "," + PORTAL + "}",
        "{\"type\":\" \"," + ID + "," + PORTAL + "}",
        "{\"type\":\"MessagePosted\"," + PORTAL + "}",
        "{\"type\":\"MessagePosted\",\"eventId\":\"not-a-uuid\"," + PORTAL + "}",
        "{\"type\":\"MessagePosted\",\"eventId\":12," + PORTAL + "}",
        "{\"type\":\"MessagePosted\"," + ID + "}",
        "{\"type\":\"MessagePosted\"," + ID + ",\"portalId\":\"\"}",
        "{\"type\":\"MessagePosted\"," + ID + ",\"portalId\":{\"id\":1}}",
        "{\"type\":\"MessagePosted\"," + ID + "," + PORTAL + ",\"seq\":\"many\"}",
        "{\"type\":\"MessagePosted\"," + ID + "," + PORTAL + ",\"occurredAt\":\"yesterday\"}",
        "{\"type\":\"ChatflowPublished\"," + ID + "," + PORTAL + ",\"version\":{\"major\":1}}",
        "{\"type\":\"Future\"," + ID + "," + PORTAL + ",\"occurredAt\":\"yesterday\"}",
    })
    void isRejectedWithAClearException(String json) {
        assertThatThrownBy(() -> EventJson.read(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageNotContaining("dev.parley");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> EventJson.read(null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void theMessageNamesWhatIsMissing() {
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"MessagePosted\"," + PORTAL + "}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("eventId");
    }
}
