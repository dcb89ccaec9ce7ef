package dev.parley.conversation.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Typing indicators and read receipts: not state, not durable. They travel to the other instances as
 * {@code EphemeralFrame} records on parley.conversations.v1 (sent directly, not through the outbox: losing one is
 * harmless). Other services' consumers skip the unknown type, as ARCHITECTURE.md requires of them.
 */
@ApplicationScoped
public class Ephemeral {

    public static final String TYPE = "EphemeralFrame";

    private final MutinyEmitter<String> emitter;
    private final String instanceId;

    public Ephemeral(@Channel("ephemeral") MutinyEmitter<String> emitter,
                     @ConfigProperty(name = "parley.instance-id") String instanceId) {
        this.emitter = emitter;
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }

    public void publish(String portalId, String conversationId, String frame) {
        ObjectNode event = Frames.JSON.createObjectNode();
        event.put("type", TYPE);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("portalId", portalId);
        event.put("occurredAt", Instant.now().toString());
        event.put("conversationId", conversationId);
        event.put("origin", instanceId);
        event.put("frame", frame);
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(conversationId).build();
        emitter.sendMessage(Message.of(event.toString()).addMetadata(metadata))
                .subscribe().with(ok -> { }, e -> { });
    }
}
