package dev.parley.conversation;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes chatflow versions to parley.chatflows.v1, as config-service does. */
public final class TestChatflows {

    private TestChatflows() {
    }

    public static ChatflowSettings settings(String welcome, String consentBasis, String emailMode,
                                            boolean brandAlias) {
        var consent = new ChatflowSettings.Consent(null, consentBasis == null ? null
                : new ChatflowSettings.Processing(consentBasis, "We process your data to answer you.", "hash-1"),
                null, false);
        var header = new ChatflowSettings.Header("BRAND", "Acme", "https://acme.example/logo.png", brandAlias,
                null, null, null);
        return new ChatflowSettings("LIVE_CHAT", "en", null, welcome, null,
                new ChatflowSettings.EmailCapture(emailMode, "Your email?"), null, null, header, null, null, consent,
                null, null);
    }

    public static void publish(String bootstrap, String portalId, String chatflowId, int version,
                               ChatflowSettings settings) {
        ChatflowSnapshot snapshot = new ChatflowSnapshot(chatflowId, portalId, version, "WEBSITE", "test flow", true,
                1, "UTC", Instant.now(), settings);
        ChatflowPublished event = ChatflowPublished.of(portalId, chatflowId, version, "WEBSITE", snapshot);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.CHATFLOWS, chatflowId, EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
