package dev.parley.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Poll results that arrive while a transaction is applying earlier ones wait, then go together, in arrival order,
 * into the next transaction (at most {@code maxRecords} records each; one transaction at a time). The connector
 * hands over every poll as a batch of its own, and a batch's transaction costs about the same whether it carries
 * two records or thirty: without merging, a tiny batch would hold up the records behind it as long as a full one.
 * Each poll result is acknowledged (its offsets may then be committed) only once the transaction that applied it
 * committed, and negatively acknowledged if that failed. Accepting is immediate while fewer than
 * {@code maxWaiting} records wait; beyond that the connector is held back until a transaction takes them.
 * A failed transaction stops the sequence: it and every poll waiting or arriving after it are negatively
 * acknowledged, none applied, so no later event commits ahead of an earlier one that did not.
 */
final class MergedBatches {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(MergedBatches.class);

    private record Waiting(Message<List<String>> batch, Context context) {
    }

    private final Function<List<String>, Uni<Void>> apply;
    private final int maxRecords;
    private final int maxWaiting;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final ArrayDeque<UniEmitter<? super Void>> heldBack = new ArrayDeque<>();
    private int waitingRecords;
    private boolean applying;
    private Throwable failed;

    MergedBatches(Function<List<String>, Uni<Void>> apply, int maxRecords, int maxWaiting) {
        this.apply = apply;
        this.maxRecords = maxRecords;
        this.maxWaiting = maxWaiting;
    }

    /** Takes a poll result; completes once it is accepted (at once unless too many records wait already). */
    Uni<Void> add(Message<List<String>> batch) {
        return Uni.createFrom().emitter(emitter -> {
            boolean accepted;
            Throwable stopped;
            synchronized (this) {
                stopped = failed;
                accepted = false;
                if (stopped == null) {
                    waiting.add(new Waiting(batch, Vertx.currentContext()));
                    waitingRecords += batch.getPayload().size();
                    accepted = waitingRecords < maxWaiting;
                    if (!accepted) {
                        heldBack.add(emitter);
                    }
                }
            }
            if (stopped != null) {
                settle(() -> batch.nack(stopped));
                emitter.fail(stopped);
                return;
            }
            if (accepted) {
                emitter.complete(null);
            }
            next();
        });
    }

    private void next() {
        List<Waiting> group = new ArrayList<>();
        List<UniEmitter<? super Void>> released = new ArrayList<>();
        synchronized (this) {
            if (applying || waiting.isEmpty() || failed != null) {
                return;
            }
            applying = true;
            int records = 0;
            while (!waiting.isEmpty() && (group.isEmpty()
                    || records + waiting.peek().batch().getPayload().size() <= maxRecords)) {
                Waiting w = waiting.poll();
                records += w.batch().getPayload().size();
                group.add(w);
            }
            waitingRecords -= records;
            while (!heldBack.isEmpty() && waitingRecords < maxWaiting) {
                released.add(heldBack.poll());
            }
        }
        released.forEach(e -> e.complete(null));
        List<String> records = new ArrayList<>();
        group.forEach(w -> records.addAll(w.batch().getPayload()));
        Runnable run = () -> apply(records).subscribe().with(ok -> finish(group, null),
                failure -> finish(group, failure));
        Context context = group.get(0).context();
        if (context == null || context == Vertx.currentContext()) {
            run.run();
        } else {
            context.runOnContext(v -> run.run());
        }
    }

    private Uni<Void> apply(List<String> records) {
        try {
            return apply.apply(records);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Acknowledges the group (or, after a failure, refuses it and everything waiting), then starts the next. */
    private void finish(List<Waiting> group, Throwable failure) {
        List<Waiting> refused = new ArrayList<>();
        List<UniEmitter<? super Void>> released = new ArrayList<>();
        Throwable stopped;
        synchronized (this) {
            applying = false;
            if (failure != null && failed == null) {
                failed = failure;
            }
            stopped = failed;
            if (stopped != null) {
                refused.addAll(waiting);
                waiting.clear();
                waitingRecords = 0;
                released.addAll(heldBack);
                heldBack.clear();
            }
        }
        released.forEach(e -> e.fail(stopped));
        for (Waiting w : group) {
            settle(failure == null ? () -> w.batch().ack() : () -> w.batch().nack(failure));
        }
        refused.forEach(w -> settle(() -> w.batch().nack(stopped)));
        next();
    }

    /** One acknowledgement: one that throws is logged and does not keep the others (or the next group) waiting. */
    private static void settle(Runnable acknowledgement) {
        try {
            acknowledgement.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "acknowledging a poll failed");
        }
    }
}
