package dev.parley.routing;

import dev.parley.infra.test.ParleyTestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A routing component test that sends and reads the topics through one {@link EventTap} per test class. */
abstract class WithEventTap {

    static EventTap tap;

    @BeforeAll
    static void openTap() {
        tap = new EventTap(ParleyTestInfra.kafkaBootstrap());
    }

    @AfterAll
    static void closeTap() {
        tap.close();
    }
}
