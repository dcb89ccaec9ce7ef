package dev.parley.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.infra.FileTrees;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The consent and privacy walk-through (docs/consent-service.md) on the packaged services, real Kafka, PostgreSQL and
 * Keycloak: an identified visitor answers the cookie banner (REST, visitor token verified against
 * conversation-service's JWKS) and gives explicit processing and communication consent in the chat; the admin sees
 * the entries with text and version; the admin erases the subject; every expected service reports; an export
 * afterwards holds nothing personal while the ledger still proves the consent for that chatflow version.
 *
 * <p>The same stack also runs the survey walk-through (docs/survey-service.md) first: a chatflow linking a chat survey,
 * a conversation closed by the agent, the invitation on the visitor's socket, the visitor's 4 with a comment, the
 * agent's {@code surveyAnswer} frame and the CSAT report.
 *
 * <p>The services expected to report come from {@code -Dparley.privacy.services} (default: all five), passed to
 * consent-service as PARLEY_PRIVACY_SERVICES.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyIT {

    private static final int BASE = 29081;
    private static final int KEYCLOAK = 29180;
    private static final Tokens TOKENS = new Tokens(KEYCLOAK);
    private static final String DEMO_INBOX = "d0000000-0000-4000-8000-0000000000b1";
    private static final String SERVICES = System.getProperty("parley.privacy.services",
            "config-service,routing-service,conversation-service,consent-service,survey-service");
    private static final String PROCESSING = "I agree that Acme stores my messages to answer me.";
    private static final String LABEL = "Send me the Acme newsletter";
    private static final String BANNER = "Acme uses cookies for the chat.";

    private final Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
    private final Path state = root.resolve("system-tests/target/privacy-stack");
    private final ParleyCommand parley = ParleyCommand.ownStack(root, state, BASE, KEYCLOAK, 29092, 29432, Map.of(
            // Inherited by every service process: consent-service's JWKS address and expected reporters.
            "PARLEY_CONVERSATION_URL", "http://127.0.0.1:" + (BASE + 2),
            "PARLEY_PRIVACY_SERVICES", SERVICES));

    @BeforeAll
    void up() throws IOException {
        parley.run("down");
        FileTrees.delete(state);
        Files.createDirectories(state);
        assertThat(parley.run("up", "-d").exitCode()).isZero();
    }

    @AfterAll
    void down() {
        parley.run("down");
    }

    @Test
    @Order(0)
    void surveyWalkThroughFromCloseToTheReport() {
        String admin = TOKENS.password("demo-admin");
        String survey = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of(
                        "name", "After chat", "deliveryMethod", "CHAT", "questionType", "CSAT", "scale", "FIVE_POINT",
                        "defaultLanguage", "en", "question", Map.of("en", "How satisfied are you with our help?"),
                        "followUpHigh", Map.of("en", "What did you like?"), "thankYou", Map.of("en", "Thank you!"),
                        "answerableHours", 168, "reinviteOnReclose", false))
                .post(url(4, "/api/v1/surveys")).then().statusCode(201).extract().path("id");
        String chatflowId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Support with survey", "kind", "WEBSITE", "enabled", true,
                        "settings", Map.of("inboxId", DEMO_INBOX, "surveyId", survey)))
                .post(url(0, "/api/v1/chatflows")).then().statusCode(201).extract().path("id");
        // config-service accepts the link once survey-service's SurveyDefined has reached it.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                .post(url(0, "/api/v1/chatflows/" + chatflowId + "/publish")).statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("portalId", "demo", "chatflowId", chatflowId))
                .post(url(2, "/api/v1/widget/sessions")).statusCode() == 200);
        String token = given().contentType(ContentType.JSON).body(Map.of("portalId", "demo", "chatflowId",
                chatflowId)).post(url(2, "/api/v1/widget/sessions")).then().statusCode(200).extract().path("token");

        try (ChatSocket agent = ChatSocket.agent(url(2, ""), admin);
             ChatSocket visitor = ChatSocket.visitor(url(2, ""), token)) {
            String conversation = visitor.call("s", "{\"type\":\"start\",\"chatflowId\":\"" + chatflowId
                    + "\",\"ref\":\"s\"}").get("conversationId").asText();
            assertThat(visitor.call("m", "{\"type\":\"message\",\"conversationId\":\"" + conversation
                    + "\",\"clientMsgId\":\"m1\",\"text\":\"Hello, my order is late\",\"ref\":\"m\"}")
                    .path("type").asText()).isEqualTo("ack");
            assertThat(agent.call("close", "{\"type\":\"close\",\"conversationId\":\"" + conversation
                    + "\",\"ref\":\"close\"}").path("type").asText()).isEqualTo("ack");

            JsonNode prompt = visitor.await(f -> "prompt".equals(f.path("type").asText())
                    && "SURVEY".equals(f.path("step").asText()), Duration.ofSeconds(30));
            assertThat(prompt.path("text").asText()).isEqualTo("How satisfied are you with our help?");
            assertThat(visitor.call("a", "{\"type\":\"surveyAnswer\",\"conversationId\":\"" + conversation
                    + "\",\"surveyId\":\"" + survey + "\",\"score\":4,\"comment\":\"Quick and friendly\","
                    + "\"ref\":\"a\"}").path("type").asText()).isEqualTo("ack");
            JsonNode seen = agent.await(f -> "surveyAnswer".equals(f.path("type").asText())
                    && conversation.equals(f.path("conversationId").asText()), Duration.ofSeconds(30));
            assertThat(seen.path("score").asInt()).isEqualTo(4);
            assertThat(seen.path("comment").asText()).isEqualTo("Quick and friendly");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                    .queryParam("timeZone", "Europe/Berlin").queryParam("surveyId", survey)
                    .get(url(4, "/api/v1/surveys/reports/csat")).then().statusCode(200)
                    .body("report.total.invited", equalTo(1)).body("report.total.answered", equalTo(1))
                    .body("report.total.satisfied", equalTo(1)));
            given().auth().oauth2(admin).queryParam("timeZone", "Europe/Berlin").queryParam("surveyId", survey)
                    .get(url(4, "/api/v1/surveys/reports/answers")).then().statusCode(200)
                    .body("items[0].score", equalTo(4)).body("items[0].comment", equalTo("Quick and friendly"))
                    .body("items[0].conversationId", equalTo(conversation));
        }
    }

    @Test
    @Order(1)
    void consentInChatThenErasureEverywhereThenAnExportWithNothingPersonal() {
        String admin = TOKENS.password("demo-admin");
        String chatflowId = publishChatflow(admin);
        JsonPath consent = given().auth().oauth2(admin).get(consentUrl("/api/v1/catalog/chatflows/" + chatflowId))
                .then().statusCode(200).extract().jsonPath();
        String email = "ada.lovelace@example.com";
        String identification = given().auth().oauth2(TOKENS.clientCredentials()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace"))
                .post(url(2, "/api/v1/visitor-identification/tokens")).then().statusCode(200).extract().path("token");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("portalId", "demo", "chatflowId", chatflowId))
                .post(url(2, "/api/v1/widget/sessions")).statusCode() == 200);
        JsonPath session = given().contentType(ContentType.JSON).body(Map.of("portalId", "demo", "chatflowId",
                        chatflowId, "identificationToken", identification))
                .post(url(2, "/api/v1/widget/sessions")).then().statusCode(200).extract().jsonPath();
        String visitorId = session.getString("visitorId");

        // The cookie banner: REST with the visitor token, verified against conversation-service's JWKS.
        given().contentType(ContentType.JSON).body(Map.of("visitorToken", session.getString("token"),
                        "chatflowId", chatflowId, "chatflowVersion", 1, "kind", "COOKIES", "granted", true,
                        "textHash", consent.getString("snapshot.settings.consent.cookieBanner.textHash")))
                .post(consentUrl("/api/v1/consents")).then().statusCode(201);
        String conversationId = chat(session.getString("token"), chatflowId,
                consent.getString("snapshot.settings.consent.processing.textHash"),
                consent.getString("snapshot.settings.consent.communication.textHash"));

        JsonPath history = awaitHistory(admin, email, 3);
        assertThat(history.getList("entries.kind")).containsExactlyInAnyOrder("COOKIES", "PROCESSING",
                "COMMUNICATION");
        assertThat(history.getList("entries.chatflowVersion")).containsOnly(1);
        String processingEntry = history.getString("entries.find { it.kind == 'PROCESSING' }.id");
        given().auth().oauth2(admin).get(consentUrl("/api/v1/consents/entries/" + processingEntry + "/proof"))
                .then().statusCode(200).body("text", equalTo(PROCESSING)).body("entry.basis", equalTo("EXPLICIT"));
        assertThat(history.getBoolean("subscriptions[0].subscribed")).isTrue();

        Instant requested = Instant.now();
        String erasure = request(admin, "ERASURE", email);
        JsonPath done = awaitCompleted(admin, erasure);
        Duration took = Duration.between(requested, Instant.now());
        Duration serverSide = Duration.between(Instant.parse(done.getString("requestedAt")),
                Instant.parse(done.getString("completedAt")));
        System.out.printf("privacy: erasure completed in all of [%s] in %d ms (first poll seeing it: %d ms)%n",
                SERVICES, serverSide.toMillis(), took.toMillis());
        System.out.println("privacy: per service " + done.getList("services"));

        JsonPath export = awaitCompleted(admin, request(admin, "EXPORT", email));
        String bundle = export.getMap("bundle").toString();
        System.out.println("privacy: export after erasure " + bundle);
        assertThat(bundle).doesNotContainIgnoringCase(email).doesNotContain(visitorId).doesNotContain("Ada")
                .doesNotContain("Lovelace").doesNotContain("+44");
        JsonPath byVisitor = awaitCompleted(admin, request(admin, "EXPORT", visitorId));
        assertThat(byVisitor.getMap("bundle").toString()).doesNotContain(visitorId).doesNotContain("Lovelace");

        JsonPath kept = given().auth().oauth2(admin).queryParam("kind", "PROCESSING")
                .get(consentUrl("/api/v1/consents/entries")).then().statusCode(200).extract().jsonPath();
        assertThat(kept.getString("find { it.id == '" + processingEntry + "' }.subjectVisitorId"))
                .startsWith("erased:");
        given().auth().oauth2(admin).get(consentUrl("/api/v1/consents/entries/" + processingEntry + "/proof"))
                .then().statusCode(200).body("text", equalTo(PROCESSING)).body("entry.chatflowId", equalTo(chatflowId))
                .body("entry.chatflowVersion", equalTo(1)).body("entry.subjectEmail", equalTo(null));
        given().auth().oauth2(TOKENS.password("other-admin")).get(consentUrl("/api/v1/privacy/requests/" + erasure))
                .then().statusCode(404);
        assertThat(conversationId).isNotBlank();
    }

    /** conversation-service is killed (-9) before the request; it completes its part when it comes back. */
    @Test
    @Order(2)
    void aServiceThatIsDownDuringTheRequestCompletesItWhenItComesBack() throws IOException {
        String admin = TOKENS.password("demo-admin");
        String chatflowId = publishChatflow(admin);
        JsonPath consent = given().auth().oauth2(admin).get(consentUrl("/api/v1/catalog/chatflows/" + chatflowId))
                .then().statusCode(200).extract().jsonPath();
        String email = "grace.hopper@example.com";
        String identification = given().auth().oauth2(TOKENS.clientCredentials()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", "Grace")).post(url(2, "/api/v1/visitor-identification/tokens"))
                .then().statusCode(200).extract().path("token");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("portalId", "demo", "chatflowId", chatflowId))
                .post(url(2, "/api/v1/widget/sessions")).statusCode() == 200);
        String token = given().contentType(ContentType.JSON).body(Map.of("portalId", "demo", "chatflowId",
                        chatflowId, "identificationToken", identification))
                .post(url(2, "/api/v1/widget/sessions")).then().statusCode(200).extract().path("token");
        chat(token, chatflowId, consent.getString("snapshot.settings.consent.processing.textHash"),
                consent.getString("snapshot.settings.consent.communication.textHash"));
        awaitHistory(admin, email, 2);

        long pid = Long.parseLong(Files.readString(state.resolve("run/conversation-service.pid")).trim());
        ProcessHandle conversation = ProcessHandle.of(pid).orElseThrow();
        conversation.destroyForcibly();
        conversation.onExit().join();
        String erasure = request(admin, "ERASURE", email);
        List<String> others = Arrays.stream(SERVICES.split(",")).filter(s -> !s.equals("conversation-service"))
                .toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().auth().oauth2(admin)
                .get(consentUrl("/api/v1/privacy/requests/" + erasure)).then().extract().jsonPath()
                .<String>getList("services.findAll { it.state == 'DONE' }.service")).containsAll(others));
        given().auth().oauth2(admin).get(consentUrl("/api/v1/privacy/requests/" + erasure)).then()
                .body("status", equalTo("PENDING"))
                .body("services.find { it.service == 'conversation-service' }.state", equalTo("PENDING"));

        Instant restarted = Instant.now();
        assertThat(parley.run("instance", "conversation-service", Integer.toString(BASE + 14)).exitCode()).isZero();
        JsonPath done = awaitCompleted(admin, erasure);
        assertThat(done.getLong("services.find { it.service == 'conversation-service' }.items")).isPositive();
        System.out.printf("privacy: conversation-service, killed during the request, completed its part %d ms after"
                + " its restart began%n", Duration.between(restarted, Instant.parse(done.getString("completedAt")))
                .toMillis());
    }

    private String publishChatflow(String admin) {
        Map<String, Object> consent = Map.of(
                "cookieBanner", Map.of("timing", "BEFORE_CHAT", "text", BANNER),
                "processing", Map.of("basis", "EXPLICIT", "text", PROCESSING),
                "communication", Map.of("enabled", true, "subscriptionType", "newsletter", "label", LABEL),
                "marketingContact", true);
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Privacy walk-through " + System.nanoTime(), "kind", "WEBSITE", "enabled", true,
                        "settings", Map.of("inboxId", DEMO_INBOX, "consent", consent)))
                .post(url(0, "/api/v1/chatflows")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).post(url(0, "/api/v1/chatflows/" + id + "/publish")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(consentUrl("/api/v1/catalog/chatflows/" + id)).then().statusCode(200));
        return id;
    }

    /** Start, explicit processing consent, consent to communicate, then a message naming the visitor. */
    private String chat(String token, String chatflowId, String processingHash, String communicationHash) {
        try (ChatSocket socket = ChatSocket.visitor(url(2, ""), token)) {
            JsonNode ack = socket.call("s", "{\"type\":\"start\",\"chatflowId\":\"" + chatflowId
                    + "\",\"pageUrl\":\"https://acme.example/pricing\",\"ref\":\"s\"}");
            String conversation = ack.get("conversationId").asText();
            assertThat(socket.call("p", consentFrame("p", conversation, "PROCESSING", processingHash, null))
                    .path("type").asText()).isEqualTo("ack");
            assertThat(socket.call("c", consentFrame("c", conversation, "COMMUNICATION", communicationHash,
                    "newsletter")).path("type").asText()).isEqualTo("ack");
            assertThat(socket.call("m", "{\"type\":\"message\",\"conversationId\":\"" + conversation
                    + "\",\"clientMsgId\":\"m1\",\"text\":\"Hi, Ada Lovelace here, +44 20 7946 0000\",\"ref\":\"m\"}")
                    .path("type").asText()).isEqualTo("ack");
            return conversation;
        }
    }

    private static String consentFrame(String ref, String conversation, String kind, String hash, String type) {
        return "{\"type\":\"consent\",\"conversationId\":\"" + conversation + "\",\"kind\":\"" + kind
                + "\",\"granted\":true,\"textHash\":\"" + hash + "\""
                + (type == null ? "" : ",\"subscriptionType\":\"" + type + "\"") + ",\"ref\":\"" + ref + "\"}";
    }

    private static JsonPath awaitHistory(String admin, String subject, int entries) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .queryParam("subject", subject).get(consentUrl("/api/v1/consents/subjects")).then().statusCode(200)
                .body("entries", hasSize(entries)));
        return given().auth().oauth2(admin).queryParam("subject", subject)
                .get(consentUrl("/api/v1/consents/subjects")).then().extract().jsonPath();
    }

    private static String request(String admin, String kind, String subject) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "subject", subject)).post(consentUrl("/api/v1/privacy/requests"))
                .then().statusCode(202).extract().path("id");
    }

    private static JsonPath awaitCompleted(String admin, String id) {
        List<String> expected = Arrays.asList(SERVICES.split(","));
        // Long enough for a killed member's Kafka session (45 s) to expire before its restarted instance takes over.
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(admin).get(consentUrl("/api/v1/privacy/requests/" + id)).then()
                        .statusCode(200).body("status", equalTo("COMPLETED")));
        JsonPath view = given().auth().oauth2(admin).get(consentUrl("/api/v1/privacy/requests/" + id)).then()
                .extract().jsonPath();
        assertThat(view.getList("services.service")).containsAll(expected);
        return view;
    }

    private static String url(int offset, String path) {
        return "http://127.0.0.1:" + (BASE + offset) + path;
    }

    private static String consentUrl(String path) {
        return url(3, path);
    }
}
