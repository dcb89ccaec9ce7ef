package dev.parley.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The kit's idempotent consumer and dead-letter handling, through routing-service and the real broker. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ChatflowCatalogConsumerTest {

    private static final String AGENT = TestTokens.agent("demo-agent-1", "demo");

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillApplied() {
        String chatflowId = UUID.randomUUID().toString();
        String poison = "{\"type\":\"ChatflowPublished\", this is not JSON";
        send(chatflowId, poison);
        send(chatflowId, EventJson.write(published(chatflowId, 1, "after the poison")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(AGENT).get("/api/v1/catalog/chatflows/" + chatflowId)
                        .then().statusCode(200).body("snapshot.name", equalTo("after the poison")));
        assertThat(readAll(Topics.dlq(Topics.CHATFLOWS))).contains(poison);
    }

    @Test
    void redeliveriesAndUnknownTypesNeitherDuplicateNorBlock() {
        String chatflowId = UUID.randomUUID().toString();
        ChatflowPublished v2 = published(chatflowId, 2, "second");
        send(chatflowId, EventJson.write(published(chatflowId, 1, "first")));
        send(chatflowId, EventJson.write(v2));
        send(chatflowId, EventJson.write(v2));
        send(chatflowId, "{\"type\":\"SomethingNewer\",\"eventId\":\"" + UUID.randomUUID()
                + "\",\"portalId\":\"demo\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(AGENT).get("/api/v1/catalog/chatflows/" + chatflowId)
                        .then().statusCode(200).body("version", equalTo(2)).body("snapshot.name", equalTo("second")));
        assertThat(readAll(Topics.dlq(Topics.CHATFLOWS))).noneMatch(r -> r.contains(chatflowId));
    }

    @Test
    void anotherPortalsChatflowIsNotThere() {
        String chatflowId = UUID.randomUUID().toString();
        send(chatflowId, EventJson.write(published(chatflowId, 1, "demo's")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(AGENT).get("/api/v1/catalog/chatflows/" + chatflowId).then().statusCode(200));

        given().auth().oauth2(TestTokens.agent("other-agent", "other")).get("/api/v1/catalog/chatflows/" + chatflowId)
                .then().statusCode(404);
        given().get("/api/v1/catalog/chatflows/" + chatflowId).then().statusCode(401);
    }

    private static ChatflowPublished published(String chatflowId, int version, String name) {
        var snapshot = new ChatflowSnapshot(chatflowId, "demo", version, "WEBSITE", name, true, 0, "UTC",
                Instant.now(), null);
        return ChatflowPublished.of("demo", chatflowId, version, "WEBSITE", snapshot);
    }

    private static void send(String key, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CHATFLOWS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readAll(String topic) {
        return EventTap.readAll(ParleyTestInfra.kafkaBootstrap(), topic);
    }
}
