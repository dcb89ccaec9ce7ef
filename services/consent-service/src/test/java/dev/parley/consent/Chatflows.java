package dev.parley.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.parley.consent.domain.TextCheck;
import dev.parley.contracts.chatflow.ChatflowSettings;
import dev.parley.contracts.chatflow.ChatflowSnapshot;
import dev.parley.contracts.events.ChatflowPublished;
import dev.parley.infra.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Publishes chatflow versions with every consent step, as config-service does, and waits for the catalog. */
final class Chatflows {

    static final String BANNER = "We use cookies to keep the chat working.";
    static final String PROCESSING = "I agree that Acme processes my data to answer me.";
    static final String LABEL = "Send me the <b>newsletter</b> <script>alert(1)</script>";
    static final String SUBSCRIPTION = "newsletter";

    private Chatflows() {
    }

    static String hash(String text) {
        return TextCheck.sha256(text);
    }

    /** A new chatflow of {@code portalId} at version 1 with a banner, explicit processing and a newsletter. */
    static String publish(String portalId) {
        String chatflowId = UUID.randomUUID().toString();
        publish(portalId, chatflowId, 1, PROCESSING);
        return chatflowId;
    }

    static void publish(String portalId, String chatflowId, int version, String processingText) {
        var consent = new ChatflowSettings.Consent(
                new ChatflowSettings.CookieBanner("BEFORE_CHAT", BANNER, hash(BANNER)),
                new ChatflowSettings.Processing("EXPLICIT", processingText, hash(processingText)),
                new ChatflowSettings.Communication(true, SUBSCRIPTION, LABEL, hash(LABEL)), true);
        var settings = new ChatflowSettings("LIVE_CHAT", "en", null, "Hi", null, null, null, null, null, null, null,
                consent, null, null);
        var snapshot = new ChatflowSnapshot(chatflowId, portalId, version, "WEBSITE", "Pricing", true, 1, "UTC",
                Instant.now(), settings);
        Kafka.send(ChatflowPublished.of(portalId, chatflowId, version, "WEBSITE", snapshot));
        String admin = TestTokens.admin("admin", portalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                .get("/api/v1/catalog/chatflows/" + chatflowId).then().extract().statusCode() == 200
                && given().auth().oauth2(admin).get("/api/v1/catalog/chatflows/" + chatflowId).then().extract()
                .<Integer>path("version") == version);
    }
}
