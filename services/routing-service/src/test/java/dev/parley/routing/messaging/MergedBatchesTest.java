package dev.parley.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class MergedBatchesTest {

    /** Transactions that complete when the test says so. */
    private final List<List<String>> applied = new ArrayList<>();
    private final List<UniEmitter<? super Void>> running = new ArrayList<>();

    private Uni<Void> apply(List<String> records) {
        return Uni.createFrom().emitter(e -> {
            applied.add(List.copyOf(records));
            running.add(e);
        });
    }

    private record Poll(Message<List<String>> message, AtomicInteger acks, AtomicInteger nacks) {
    }

    private static Poll poll(String... records) {
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger nacks = new AtomicInteger();
        Message<List<String>> m = Message.of(List.of(records), () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            nacks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        return new Poll(m, acks, nacks);
    }

    @Test
    void pollsThatArriveDuringATransactionGoTogetherInOrderIntoTheNextAndAreAckedOnlyAfterItCommits() {
        MergedBatches merged = new MergedBatches(this::apply, 100, 1_000);
        Poll first = poll("a", "b");
        Poll second = poll("c");
        Poll third = poll("d", "e");
        merged.add(first.message()).await().indefinitely();
        merged.add(second.message()).await().indefinitely();
        merged.add(third.message()).await().indefinitely();
        assertEquals(List.of(List.of("a", "b")), applied, "the first poll starts a transaction at once, alone");
        assertEquals(0, first.acks().get(), "nothing is acknowledged before its transaction committed");

        running.get(0).complete(null);
        assertEquals(1, first.acks().get());
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d", "e")), applied, "the waiting polls went together");
        assertEquals(0, second.acks().get() + third.acks().get());

        running.get(1).complete(null);
        assertEquals(1, second.acks().get());
        assertEquals(1, third.acks().get());
        assertEquals(0, first.nacks().get() + second.nacks().get() + third.nacks().get());
    }

    @Test
    void aFailedTransactionStopsTheSequenceEveryLaterPollIsNackedUnapplied() {
        MergedBatches merged = new MergedBatches(this::apply, 100, 1_000);
        Poll first = poll("a");
        Poll second = poll("b");
        Poll third = poll("c");
        merged.add(first.message()).await().indefinitely();
        merged.add(second.message()).await().indefinitely();
        running.get(0).fail(new IllegalStateException("database down"));
        assertEquals(1, first.nacks().get());
        assertEquals(0, first.acks().get());
        assertEquals(1, second.nacks().get(), "a poll waiting behind the failed one is refused, not applied");
        assertThrows(IllegalStateException.class, () -> merged.add(third.message()).await().indefinitely());
        assertEquals(1, third.nacks().get());
        assertEquals(0, second.acks().get() + third.acks().get());
        assertEquals(List.of(List.of("a")), applied, "nothing after the failed transaction was applied");
    }

    @Test
    void aFailureReleasesAHeldBackConnectorWithTheFailure() {
        MergedBatches merged = new MergedBatches(this::apply, 1, 2);
        merged.add(poll("a").message()).await().indefinitely();
        Poll waiting = poll("b", "c");
        AtomicBoolean accepted = new AtomicBoolean();
        AtomicBoolean refused = new AtomicBoolean();
        merged.add(waiting.message()).subscribe().with(ok -> accepted.set(true), failure -> refused.set(true));
        assertFalse(accepted.get() || refused.get(), "two records wait: held back, neither accepted nor refused");
        running.get(0).fail(new IllegalStateException("database down"));
        assertTrue(refused.get(), "the held-back connector hears of the failure instead of waiting for ever");
        assertFalse(accepted.get());
        assertEquals(1, waiting.nacks().get());
        assertEquals(1, applied.size());
    }

    @Test
    void aTransactionTakesWholePollsUpToItsLimitAndTooManyWaitingRecordsHoldTheConnectorBack() {
        MergedBatches merged = new MergedBatches(this::apply, 3, 4);
        merged.add(poll("a").message()).await().indefinitely();
        merged.add(poll("b", "c").message()).await().indefinitely();
        AtomicBoolean accepted = new AtomicBoolean();
        merged.add(poll("d", "e").message()).subscribe().with(ok -> accepted.set(true));
        assertFalse(accepted.get(), "four records wait: the connector is held back");

        running.get(0).complete(null);
        assertTrue(accepted.get(), "a transaction took some: room again");
        assertEquals(List.of("b", "c"), applied.get(1), "b+c+d+e would exceed 3 records: the polls stay whole");
        running.get(1).complete(null);
        assertEquals(List.of("d", "e"), applied.get(2));
    }
}
