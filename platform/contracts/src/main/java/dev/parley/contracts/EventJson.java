package dev.parley.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.contracts.events.*;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one JSON mapping of events. Readers tolerate extra fields (producers evolve additively) and unknown types
 * ({@link UnknownEvent}); a record that lacks the envelope is {@link MalformedEventException}.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Every event type, by its JSON {@code type}: the one list of what exists. */
    private static final Map<String, Class<? extends ParleyEvent>> TYPES = Stream.<Class<? extends ParleyEvent>>of(
                    ChatflowPublished.class, ChatflowDeleted.class, ConversationStarted.class, MessagePosted.class,
                    VisitorIdentified.class, EmailCaptured.class, ConsentSubmitted.class,
                    SurveyAnswerSubmitted.class, ConversationClosed.class, ConversationReopened.class,
                    ConversationQueued.class, ConversationAssigned.class, ConversationUnassigned.class,
                    ConversationTransferred.class, AgentConnected.class, AgentDisconnected.class,
                    AgentStatusChanged.class, AgentCapacityChanged.class, AvailabilityChanged.class,
                    ConsentRecorded.class, ConsentWithdrawn.class, SurveyInvited.class, SurveyAnswered.class,
                    ErasureRequested.class, ExportRequested.class, ErasureCompleted.class, ExportPart.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Map<String, Class<? extends ParleyEvent>> types() {
        return TYPES;
    }

    /** Flat JSON with {@code type} first. */
    public static String write(ParleyEvent event) {
        ObjectNode node = MAPPER.createObjectNode().put("type", event.type());
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event.type(), e);
        }
    }

    public static ParleyEvent read(String json) {
        JsonNode node = tree(json);
        String type = required(node, "type");
        UUID eventId = parseUuid(required(node, "eventId"));
        String portalId = required(node, "portalId");
        Class<? extends ParleyEvent> cls = TYPES.get(type);
        if (cls == null) {
            Instant at = node.hasNonNull("occurredAt") ? Instant.parse(node.get("occurredAt").asText()) : null;
            return new UnknownEvent(type, eventId, portalId, at, node);
        }
        try {
            return MAPPER.treeToValue(node, cls);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException(type + " with wrong field types: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    public static <T extends ParleyEvent> T read(String json, Class<T> type) {
        ParleyEvent event = read(json);
        if (!type.isInstance(event)) {
            throw new MalformedEventException("expected " + type.getSimpleName() + " but got " + event.type(), null);
        }
        return type.cast(event);
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode node = json == null ? null : MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedEventException("an event is a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("the event has no " + field, null);
        }
        return value.asText();
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("eventId is not a UUID: " + value, e);
        }
    }
}
