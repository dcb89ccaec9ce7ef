package dev.parley.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Group commit: what arrives during a transaction goes into the next one; each request gets its own outcome. */
class GroupCommitTest {

    /** A fake transaction the test completes by hand; records the batches it was given. */
    private static final class Transactions {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<List<String>>> pending = new CopyOnWriteArrayList<>();

        Uni<List<String>> run(List<Integer> batch) {
            batches.add(batch);
            CompletableFuture<List<String>> f = new CompletableFuture<>();
            pending.add(f);
            return Uni.createFrom().completionStage(f);
        }

        void commit(int i) {
            List<String> out = new ArrayList<>();
            batches.get(i).forEach(r -> out.add("seq-" + r));
            pending.get(i).complete(out);
        }
    }

    @Test
    void requestsArrivingDuringATransactionShareTheNextOneAndEachGetsItsOwnOutcome() {
        Transactions tx = new Transactions();
        GroupCommit<Integer, String> commits = new GroupCommit<>(tx::run, 3, 1);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(commits.submit(i).subscribeAsCompletionStage());
        }
        // The first went alone at once; the rest waited for it, then at most 3 per transaction.
        assertEquals(List.of(List.of(0)), tx.batches);
        tx.commit(0);
        assertEquals("seq-0", results.get(0).join());
        assertEquals(List.of(1, 2, 3), tx.batches.get(1));
        assertTrue(!results.get(1).isDone(), "acked only after its own transaction committed");
        tx.commit(1);
        assertEquals(List.of(4), tx.batches.get(2));
        tx.commit(2);
        for (int i = 0; i < 5; i++) {
            assertEquals("seq-" + i, results.get(i).join());
        }
    }

    @Test
    void aFailedBatchIsRetriedOneRequestPerTransactionSoOnlyTheBadOneFails() {
        Transactions gate = new Transactions();
        GroupCommit<Integer, String> held = new GroupCommit<>(gate::run, 10, 1);
        // Hold one transaction open so that 12, 13, 14 queue up together behind it.
        CompletableFuture<String> first = held.submit(0).subscribeAsCompletionStage();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int r : new int[] {12, 13, 14}) {
            results.add(held.submit(r).subscribeAsCompletionStage());
        }
        assertEquals(1, gate.batches.size());
        gate.commit(0);
        assertEquals("seq-0", first.join());
        assertEquals(List.of(12, 13, 14), gate.batches.get(1));
        gate.pending.get(1).completeExceptionally(new IllegalStateException("batch failed"));
        // Then one per transaction, in order.
        assertEquals(List.of(12), gate.batches.get(2));
        gate.commit(2);
        assertEquals(List.of(13), gate.batches.get(3));
        gate.pending.get(3).completeExceptionally(new IllegalStateException("13 is bad"));
        assertEquals(List.of(14), gate.batches.get(4));
        gate.commit(4);
        assertEquals("seq-12", results.get(0).join());
        Throwable failed = results.get(1).handle((ok, e) -> e).join();
        assertInstanceOf(IllegalStateException.class, failed.getCause() != null ? failed.getCause() : failed);
        assertEquals("seq-14", results.get(2).join());
    }
}
