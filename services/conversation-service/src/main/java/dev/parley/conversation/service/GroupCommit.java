package dev.parley.conversation.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit: requests that arrive while transactions are running wait and then go together, in arrival order,
 * into the next one (at most {@code maxBatch} per transaction, at most {@code maxInFlight} transactions at once).
 * Nothing waits on a timer: an idle writer starts a transaction for a lone request at once, and under load the
 * batches grow by themselves, so one commit (one WAL flush) carries many requests. Each request completes only
 * with its own outcome of a committed transaction, on the Vert.x context it was submitted from.
 *
 * @param <I> a request
 * @param <O> its outcome
 */
final class GroupCommit<I, O> {

    private record Waiting<I, O>(I request, Context context, UniEmitter<? super O> emitter) {
    }

    private final Function<List<I>, Uni<List<O>>> transaction;
    private final int maxBatch;
    private final int maxInFlight;
    private final ArrayDeque<Waiting<I, O>> queue = new ArrayDeque<>();
    private int inFlight;

    /** {@code transaction}: runs one batch and returns one outcome per request, in order, once committed. */
    GroupCommit(Function<List<I>, Uni<List<O>>> transaction, int maxBatch, int maxInFlight) {
        this.transaction = transaction;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    Uni<O> submit(I request) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                queue.add(new Waiting<>(request, Vertx.currentContext(), emitter));
            }
            next();
        });
    }

    private void next() {
        List<Waiting<I, O>> batch;
        synchronized (this) {
            if (inFlight >= maxInFlight || queue.isEmpty()) {
                return;
            }
            inFlight++;
            batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
        }
        List<I> requests = new ArrayList<>(batch.size());
        batch.forEach(w -> requests.add(w.request()));
        run(requests).subscribe().with(outcomes -> {
            done();
            for (int i = 0; i < batch.size(); i++) {
                O outcome = outcomes.get(i);
                Waiting<I, O> w = batch.get(i);
                on(w, () -> w.emitter().complete(outcome));
            }
        }, failure -> {
            if (batch.size() == 1) {
                done();
                on(batch.get(0), () -> batch.get(0).emitter().fail(failure));
            } else {
                // Keeps its slot while retrying. Order per sender holds anyway: a socket has one frame in flight
                // (Peer.inTurn and the agent socket's serial mode wait for the ack before the next frame).
                alone(batch, 0);
            }
        });
    }

    /**
     * After a failed batch: each request in a transaction of its own, one after the other (in arrival order, so a
     * sender's messages keep their order), so one bad request fails alone.
     */
    private void alone(List<Waiting<I, O>> batch, int i) {
        if (i == batch.size()) {
            done();
            return;
        }
        Waiting<I, O> w = batch.get(i);
        run(List.of(w.request())).subscribe().with(outcomes -> {
            on(w, () -> w.emitter().complete(outcomes.get(0)));
            alone(batch, i + 1);
        }, failure -> {
            on(w, () -> w.emitter().fail(failure));
            alone(batch, i + 1);
        });
    }

    private Uni<List<O>> run(List<I> requests) {
        try {
            return transaction.apply(requests);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private void done() {
        synchronized (this) {
            inFlight--;
        }
        next();
    }

    private static void on(Waiting<?, ?> w, Runnable action) {
        if (w.context() == null || w.context() == Vertx.currentContext()) {
            action.run();
        } else {
            w.context().runOnContext(v -> action.run());
        }
    }
}
