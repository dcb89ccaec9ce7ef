package dev.parley.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.events.ConversationClosed;
import dev.parley.contracts.events.ConversationEvent;
import dev.parley.contracts.events.ConversationReopened;
import dev.parley.contracts.events.ConversationStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** How a batch of conversation events becomes statements, without losing any conversation's own order. */
class BatchRunsTest {

    @Test
    void interleavedStartsAndClosesOfDifferentConversationsBecomeOneStatement() {
        List<ConversationEvent> batch = List.of(start("a"), close("b"), start("c"), close("d"), start("e"));
        List<List<ConversationEvent>> layers = ConversationRouting.layers(batch);
        assertThat(layers).hasSize(1);
        assertThat(layers.get(0)).containsExactlyElementsOf(batch);
    }

    @Test
    void aConversationsOwnEventsStayInOrder() {
        List<ConversationEvent> batch = List.of(close("x"), start("x"), start("y"), close("y"), reopen("y"));
        List<List<ConversationEvent>> layers = ConversationRouting.layers(batch);
        assertThat(layers).extracting(layer -> String.join(",", layer.stream().map(e -> kind(e) + ":"
                        + e.conversationId()).toList()))
                .containsExactly("ConversationClosed:x,ConversationStarted:y",
                        "ConversationStarted:x,ConversationClosed:y", "ConversationReopened:y");
    }

    @Property(tries = 300)
    void everyEventOnceAndEachConversationInItsOrder(@ForAll @IntRange(min = 1, max = 60) int size,
                                                     @ForAll long seed) {
        Random random = new Random(seed);
        List<ConversationEvent> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "c" + random.nextInt(8);
            batch.add(switch (random.nextInt(3)) {
                case 0 -> start(id);
                case 1 -> close(id);
                default -> reopen(id);
            });
        }
        List<List<ConversationEvent>> layers = ConversationRouting.layers(batch);
        layers.forEach(layer -> assertThat(ids(layer)).as("a conversation once per statement").doesNotHaveDuplicates());
        List<ConversationEvent> flattened = layers.stream().flatMap(List::stream).toList();
        assertThat(flattened).containsExactlyInAnyOrderElementsOf(batch);
        for (String id : batch.stream().map(ConversationEvent::conversationId).collect(Collectors.toSet())) {
            assertThat(flattened.stream().filter(e -> e.conversationId().equals(id)).toList())
                    .containsExactlyElementsOf(batch.stream().filter(e -> e.conversationId().equals(id)).toList());
        }
        List<ConversationEvent> starts = batch.stream().filter(ConversationStarted.class::isInstance).toList();
        List<ConversationEvent> firstStarts = starts.stream()
                .filter(s -> batch.stream().filter(e -> e.conversationId().equals(s.conversationId())).findFirst()
                        .orElseThrow() == s).toList();
        assertThat(flattened.stream().filter(firstStarts::contains).toList()).as("arrival order of new starts")
                .containsExactlyElementsOf(firstStarts);
    }

    private static List<String> ids(List<ConversationEvent> run) {
        return run.stream().map(ConversationEvent::conversationId).toList();
    }

    private static String kind(ConversationEvent e) {
        return e.getClass().getSimpleName();
    }

    private static ConversationStarted start(String id) {
        return ConversationStarted.of("p", id, "cf", 1, "inbox", "v-" + id, null, null, "WEB");
    }

    private static ConversationClosed close(String id) {
        return ConversationClosed.of("p", id, "cf", "AGENT", "ann", "ann");
    }

    private static ConversationReopened reopen(String id) {
        return ConversationReopened.of("p", id, "cf");
    }
}
