package dev.parley.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for a condition that an outside process makes true (a port opens, a health check turns UP). */
public final class Waits {

    private static final long POLL_MILLIS = 100;

    private Waits() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
