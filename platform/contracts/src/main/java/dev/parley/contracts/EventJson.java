package dev.parley.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.contracts.events.*;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one JSON mapping of events. Readers tolerate extra fields (producers evolve additively) and unknown types
 * ({@link UnknownEvent}); a record without the envelope, or not JSON at all, is a {@link MalformedEventException}.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A field added later as a primitive reads as 0/false from a producer that wrote it as null.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * Every event type by its JSON {@code type}. A new event is added here and to its topic's {@code permits};
     * a test fails when the two lists drift apart.
     */
    private static final Map<String, Class<? extends ParleyEvent>> TYPES = Stream.<Class<? extends ParleyEvent>>of(
                    ChatflowPublished.class, ChatflowDeleted.class,
                    ConversationStarted.class, MessagePosted.class, VisitorIdentified.class, EmailCaptured.class,
                    ConsentSubmitted.class, SurveyAnswerSubmitted.class, ConversationClosed.class,
                    ConversationReopened.class,
                    ConversationQueued.class, ConversationAssigned.class, ConversationUnassigned.class,
                    ConversationTransferred.class,
                    AgentConnected.class, AgentDisconnected.class, AgentStatusChanged.class,
                    AgentCapacityChanged.class,
                    AvailabilityChanged.class,
                    ConsentRecorded.class, ConsentWithdrawn.class,
                    SurveyInvited.class, SurveyAnswered.class, SurveyDefined.class,
                    ErasureRequested.class, ExportRequested.class, ErasureCompleted.class, ExportPart.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventJson() {
    }

    /** The shared, configured mapper, for payloads such as snapshots. Shared: never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Map<String, Class<? extends ParleyEvent>> types() {
        return TYPES;
    }

    /** Flat JSON, {@code type} first. An {@link UnknownEvent} is written back exactly as it was read. */
    public static String write(ParleyEvent event) {
        if (event instanceof UnknownEvent unknown && unknown.raw() != null) {
            return unknown.raw().toString();
        }
        ObjectNode node = MAPPER.createObjectNode().put("type", event.type());
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event.type(), e);
        }
    }

    public static ParleyEvent read(String json) {
        ObjectNode node = object(json);
        String type = required(node, "type");
        UUID eventId = uuid(required(node, "eventId"));
        String portalId = required(node, "portalId");
        Class<? extends ParleyEvent> known = TYPES.get(type);
        return known == null ? new UnknownEvent(type, eventId, portalId, occurredAt(node), node) : convert(node, known);
    }

    /** For consumers that expect one type only: any other type, unknown ones included, is malformed for them. */
    public static <T extends ParleyEvent> T read(String json, Class<T> type) {
        ParleyEvent event = read(json);
        if (!type.isInstance(event)) {
            throw new MalformedEventException("expected " + type.getSimpleName() + " but got " + event.type());
        }
        return type.cast(event);
    }

    private static ObjectNode object(String json) {
        if (json == null) {
            throw new MalformedEventException("an event is a JSON object, not null");
        }
        try {
            if (MAPPER.readTree(json) instanceof ObjectNode node) {
                return node;
            }
            throw new MalformedEventException("an event is a JSON object");
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("the event has no " + field);
        }
        return value.asText();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("eventId is not a UUID: " + value, e);
        }
    }

    private static Instant occurredAt(JsonNode node) {
        JsonNode value = node.get("occurredAt");
        try {
            return value == null || value.isNull() ? null : Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("occurredAt is not an ISO-8601 instant: " + value.asText(), e);
        }
    }

    private static <T extends ParleyEvent> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(type.getSimpleName() + " has a field of the wrong shape: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(type.getSimpleName() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
