package dev.parley.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.domain.Availability.State;
import dev.parley.contracts.chatflow.BusinessHours;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSettings.HoursRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvailabilityTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<HoursRange> WEEKDAY_MORNINGS = List.of(new HoursRange("MONDAY", "09:00", "12:00"),
            new HoursRange("TUESDAY", "09:00", "12:00"));
    private static final Instant MONDAY_10 = LocalDateTime.parse("2026-11-16T10:00").atZone(BERLIN).toInstant();
    private static final Instant MONDAY_20 = LocalDateTime.parse("2026-11-16T20:00").atZone(BERLIN).toInstant();

    private static Availability.View decide(String mode, String away, String atCapacity, String routing,
                                            Instant now) {
        var settings = new ChatflowSettings.Availability(mode, WEEKDAY_MORNINGS, List.of(), "FEW_MINUTES",
                new ChatflowSettings.Away(away, "Back soon"),
                new ChatflowSettings.AtCapacity(atCapacity, "Please wait"));
        return Availability.decide(settings, BusinessHours.of(BERLIN, WEEKDAY_MORNINGS, List.of()), routing, now);
    }

    @ParameterizedTest(name = "{0} routing={1} inHours={2} -> {3}")
    @CsvSource({
            // mode, routing state, in business hours, expected state
            "ALWAYS, , true, AVAILABLE",
            "ALWAYS, AWAY, false, AVAILABLE",
            "ALWAYS, AVAILABLE, false, AVAILABLE",
            "ALWAYS, AT_CAPACITY, true, AT_CAPACITY",
            "BUSINESS_HOURS, , true, AVAILABLE",
            "BUSINESS_HOURS, AWAY, true, AVAILABLE",
            "BUSINESS_HOURS, , false, AWAY",
            "BUSINESS_HOURS, AVAILABLE, false, AWAY",
            "BUSINESS_HOURS, AT_CAPACITY, true, AT_CAPACITY",
            "BUSINESS_HOURS, AT_CAPACITY, false, AWAY",
            "USERS, AVAILABLE, false, AVAILABLE",
            "USERS, AWAY, true, AWAY",
            "USERS, , true, AWAY",
            "USERS, AT_CAPACITY, true, AT_CAPACITY"})
    void combinesModeHoursAndRouting(String mode, String routing, boolean inHours, State expected) {
        var view = decide(mode, "SHOW_AWAY_MESSAGE", "SHOW_WAITING_MESSAGE", routing, inHours ? MONDAY_10 : MONDAY_20);
        assertThat(view.state()).isEqualTo(expected);
    }

    @Test
    void availableShowsTheTypicalResponseTimeOnly() {
        var view = decide("ALWAYS", "SHOW_AWAY_MESSAGE", "SHOW_WAITING_MESSAGE", null, MONDAY_10);
        assertThat(view).isEqualTo(new Availability.View(State.AVAILABLE, "FEW_MINUTES", null, null));
    }

    @Test
    void awayBehaviours() {
        assertThat(decide("BUSINESS_HOURS", "SHOW_AWAY_MESSAGE", "NOTHING", null, MONDAY_20))
                .isEqualTo(new Availability.View(State.AWAY, null, "Back soon", null));
        assertThat(decide("BUSINESS_HOURS", "SHOW_RETURN_TIME", "NOTHING", null, MONDAY_20))
                .isEqualTo(new Availability.View(State.AWAY, null, "Back soon",
                        LocalDateTime.parse("2026-11-17T09:00").atZone(BERLIN).toInstant()));
        assertThat(decide("USERS", "SHOW_RETURN_TIME", "NOTHING", "AWAY", MONDAY_20).returnsAt()).isNull();
        assertThat(decide("BUSINESS_HOURS", "HIDE_WIDGET", "NOTHING", null, MONDAY_20).state())
                .isEqualTo(State.HIDDEN);
    }

    @Test
    void atCapacityBehaviours() {
        assertThat(decide("ALWAYS", "SHOW_AWAY_MESSAGE", "SHOW_WAITING_MESSAGE", "AT_CAPACITY", MONDAY_10))
                .isEqualTo(new Availability.View(State.AT_CAPACITY, null, "Please wait", null));
        assertThat(decide("ALWAYS", "SHOW_AWAY_MESSAGE", "HIDE_WIDGET", "AT_CAPACITY", MONDAY_10).state())
                .isEqualTo(State.HIDDEN);
        assertThat(decide("ALWAYS", "SHOW_AWAY_MESSAGE", "NOTHING", "AT_CAPACITY", MONDAY_10))
                .isEqualTo(new Availability.View(State.AVAILABLE, "FEW_MINUTES", null, null));
    }
}
