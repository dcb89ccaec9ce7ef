package dev.parley.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.Samples.Sample;
import dev.parley.contracts.events.ChatflowDeleted;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.contracts.events.ConversationQueued;
import dev.parley.contracts.events.MessagePosted;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    /** Rejects duplicate keys, which a lenient parser would silently merge. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final UUID ID = UUID.fromString("0b9b7c1e-3f1a-4d8e-9c55-2a7e4f0c1d23");
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    static Stream<Sample> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventSurvivesARoundTrip(Sample sample) {
        ParleyEvent event = sample.event();
        String json = EventJson.write(event);

        assertThat(EventJson.read(json)).isEqualTo(event);
        assertThat(EventJson.read(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theJsonIsFlatWithTheTypeExactlyOnceAndFirst(Sample sample) throws Exception {
        ParleyEvent event = sample.event();
        JsonNode node = STRICT.readTree(EventJson.write(event));

        assertThat(node.fieldNames().next()).isEqualTo("type");
        assertThat(node.get("type").asText()).isEqualTo(event.getClass().getSimpleName());
        assertThat(node.get("eventId").asText()).isEqualTo(event.eventId().toString());
        assertThat(node.get("portalId").asText()).isEqualTo(Samples.PORTAL);
        assertThat(node.get("occurredAt").asText()).isEqualTo(event.occurredAt().toString()).endsWith("Z");
        assertThat(node.has("key") || node.has("topic")).as("derived values stay off the wire").isFalse();
    }

    /** Otherwise a round trip would not prove that every field is mapped. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplesSetEveryField(Sample sample) throws Exception {
        for (RecordComponent component : sample.event().getClass().getRecordComponents()) {
            assertThat(component.getAccessor().invoke(sample.event())).as(component.getName()).isNotNull();
        }
    }

    @Test
    void theRegistryListsExactlyTheEventsOfTheSealedHierarchyAndEachHasASample() {
        Set<Class<?>> sealed = leaves(ParleyEvent.class);
        sealed.remove(UnknownEvent.class);
        Set<Class<?>> sampled = Samples.all().stream().map(s -> s.event().getClass()).collect(Collectors.toSet());

        assertThat(new HashSet<Class<?>>(EventJson.types().values())).isEqualTo(sealed).isEqualTo(sampled);
        EventJson.types().forEach((type, cls) -> assertThat(type).isEqualTo(cls.getSimpleName()));
    }

    @Test
    void theWireFormatIsStable() {
        MessagePosted event = new MessagePosted(ID, "portal-1", AT, "conversation-1", 7L, "message-1", null, "AGENT",
                "agent-1", "Grace", "Hi!", AT);

        assertThat(EventJson.write(event)).isEqualTo("{\"type\":\"MessagePosted\",\"eventId\":\"" + ID + "\","
                + "\"portalId\":\"portal-1\",\"occurredAt\":\"2026-03-01T10:15:30Z\","
                + "\"conversationId\":\"conversation-1\",\"seq\":7,\"messageId\":\"message-1\",\"sender\":\"AGENT\","
                + "\"senderId\":\"agent-1\",\"senderName\":\"Grace\",\"text\":\"Hi!\","
                + "\"sentAt\":\"2026-03-01T10:15:30Z\"}");
    }

    @Test
    void extraFieldsFromANewerProducerAreIgnored() {
        ParleyEvent event = Samples.all().get(0).event();
        ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(tree(EventJson.write(event)));
        node.put("priority", "HIGH").putObject("routingHints").putArray("skills").add("billing");

        assertThat(EventJson.read(node.toString())).isEqualTo(event);
    }

    @Test
    void fieldsAnOlderProducerDidNotWriteReadAsEmpty() {
        String json = envelope("ConversationQueued") + ",\"conversationId\":\"conversation-1\"}";

        assertThat(EventJson.read(json, ConversationQueued.class))
                .isEqualTo(new ConversationQueued(ID, "portal-1", null, "conversation-1", null, 0, null));
    }

    @Test
    void nullFieldsAreLeftOut() {
        String json = EventJson.write(ConversationQueued.of("portal-1", "conversation-1", "chatflow-1", 1, null));

        assertThat(tree(json).has("estimatedWaitSeconds")).isFalse();
    }

    @Test
    void anUnknownTypeIsKeptWithItsEnvelopeAndRawJson() {
        String json = envelope("ConversationSnoozed") + ",\"occurredAt\":\"2026-03-01T10:15:30Z\","
                + "\"conversationId\":\"conversation-1\",\"until\":\"2026-03-02T09:00:00Z\"}";

        ParleyEvent event = EventJson.read(json);

        assertThat(event).isEqualTo(new UnknownEvent("ConversationSnoozed", ID, "portal-1", AT, tree(json)));
        assertThat(event.type()).isEqualTo("ConversationSnoozed");
        assertThat(event.key()).isNull();
        assertThat(event.topic()).isNull();
        assertThat(tree(EventJson.write(event))).as("passed on unchanged").isEqualTo(tree(json));
    }

    @Test
    void anUnknownTypeMayLackOccurredAt() {
        UnknownEvent event = (UnknownEvent) EventJson.read(envelope("Future") + "}");

        assertThat(event.occurredAt()).isNull();
        assertThat(event.raw().get("type").asText()).isEqualTo("Future");
    }

    @Test
    void readingAsOneTypeRejectsAnyOther() {
        String deleted = EventJson.write(ChatflowDeleted.of("portal-1", "chatflow-1"));
        String unknown = envelope("Future") + "}";

        assertThatThrownBy(() -> EventJson.read(deleted, ChatflowPublished.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ChatflowDeleted");
        assertThatThrownBy(() -> EventJson.read(unknown, ChatflowPublished.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("Future");
    }

    @Test
    void factoriesStampAFreshIdAndTheCurrentTime() {
        Instant before = Instant.now();
        ChatflowDeleted first = ChatflowDeleted.of("portal-1", "chatflow-1");
        ChatflowDeleted second = ChatflowDeleted.of("portal-1", "chatflow-1");

        assertThat(first.eventId()).isNotNull().isNotEqualTo(second.eventId());
        assertThat(first.occurredAt()).isBetween(before, Instant.now());
    }

    static String envelope(String type) {
        return "{\"type\":\"" + type + "\",\"eventId\":\"" + ID + "\",\"portalId\":\"portal-1\"";
    }

    private static JsonNode tree(String json) {
        try {
            return STRICT.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<Class<?>> leaves(Class<?> type) {
        if (!type.isSealed()) {
            return new HashSet<>(Set.of(type));
        }
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(c -> leaves(c).stream())
                .collect(Collectors.toCollection(HashSet::new));
    }
}
