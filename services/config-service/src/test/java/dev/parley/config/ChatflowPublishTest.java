package dev.parley.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.contracts.EventJson;
import dev.parley.contracts.Topics;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ChatflowPublishTest {

    private static final String ADMIN = TestTokens.admin("demo-admin", "demo");

    @Test
    void publishingAChatflowPutsItsSnapshotOnTheRealBroker() {
        String inbox = Api.inbox(ADMIN, true);
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Pricing page", "kind", "WEBSITE", "enabled", false, "priority", 5,
                        "settings", Map.of("inboxId", inbox)))
                .post("/api/v1/chatflows")
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(ADMIN).post("/api/v1/chatflows/" + id + "/publish")
                .then().statusCode(200).body("publishedVersion", equalTo(1));

        ChatflowPublished event = awaitPublished(id);
        assertThat(event.portalId()).isEqualTo("demo");
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.snapshot().name()).isEqualTo("Pricing page");
    }

    @Test
    void anotherPortalCannotSeeOrPublishTheChatflow() {
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Mine", "kind", "MOBILE"))
                .post("/api/v1/chatflows")
                .then().statusCode(201).extract().path("id");
        String otherAdmin = TestTokens.admin("other-admin", "other");

        given().auth().oauth2(otherAdmin).get("/api/v1/chatflows/" + id).then().statusCode(404);
        given().auth().oauth2(otherAdmin).post("/api/v1/chatflows/" + id + "/publish").then().statusCode(404);
        given().auth().oauth2(ADMIN).get("/api/v1/chatflows/" + id).then().statusCode(200)
                .body("publishedVersion", equalTo(0));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "FAX"))
                .post("/api/v1/chatflows")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("kind"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/chatflows")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("bad_json"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": [1], \"kind\": \"WEBSITE\"}")
                .post("/api/v1/chatflows")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("name"));
    }

    @Test
    void tokensDecideWhoGetsIn() {
        given().get("/api/v1/portal").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/portal").then().statusCode(401);
        given().auth().oauth2(TestTokens.agent("demo-agent-1", "demo")).get("/api/v1/portal")
                .then().statusCode(200).body("id", equalTo("demo")).body("name", equalTo("Demo Inc."));
        given().auth().oauth2(TestTokens.agent("demo-agent-1", "demo"))
                .contentType(ContentType.JSON).body(Map.of("name", "x", "kind", "WEBSITE"))
                .post("/api/v1/chatflows").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("nobody", null, "agent")).get("/api/v1/portal")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
    }

    private static ChatflowPublished awaitPublished(String chatflowId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyTestInfra.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CHATFLOWS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key());
                    if (chatflowId.equals(r.key())) {
                        return EventJson.read(r.value(), ChatflowPublished.class);
                    }
                }
            }
            throw new AssertionError("no ChatflowPublished for " + chatflowId + " within 30 s; saw keys " + seen);
        }
    }
}
