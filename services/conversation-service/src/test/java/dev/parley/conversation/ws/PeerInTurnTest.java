package dev.parley.conversation.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversation.identity.VisitorTokens.Visitor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A socket's frames are handled one at a time, in arrival order, whatever order their work completes in. */
class PeerInTurnTest {

    private final Peer peer = new Peer(null, new Visitor("p", "v", null, null, null, null), null);
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<UniEmitter<? super Void>> running = new ArrayList<>();

    private Uni<Void> frame(String name) {
        return peer.inTurn(() -> Uni.createFrom().emitter(e -> {
            started.add(name);
            running.add(e);
        }));
    }

    @Test
    void aFrameStartsOnlyWhenThePreviousOneIsDone() {
        UniAssertSubscriber<Void> a = frame("a").subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> b = frame("b").subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> c = frame("c").subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(started).containsExactly("a");

        running.get(0).complete(null);
        a.assertCompleted();
        assertThat(started).containsExactly("a", "b");
        b.assertNotTerminated();

        running.get(1).fail(new IllegalStateException("b failed"));
        b.assertFailedWith(IllegalStateException.class, "b failed");
        assertThat(started).containsExactly("a", "b", "c");

        running.get(2).complete(null);
        c.assertCompleted();
        // idle again: the next frame runs at once
        frame("d").subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(started).containsExactly("a", "b", "c", "d");
    }

    @Test
    void workThatThrowsFailsItsFrameAndTheNextStillRuns() {
        UniAssertSubscriber<Void> bad = peer.inTurn(() -> {
            throw new Frame.Bad("bad_frame", "nope");
        }).subscribe().withSubscriber(UniAssertSubscriber.create());
        bad.assertFailedWith(Frame.Bad.class, "nope");
        frame("next").subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(started).containsExactly("next");
    }
}
