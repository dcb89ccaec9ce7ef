package dev.parley.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.infra.FileTrees;
import dev.parley.infra.Ports;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as a user runs it: {@code ./parley up -d} on real PostgreSQL, Kafka and Keycloak, real tokens,
 * an event crossing from config-service to routing-service through the broker, a {@code kill -9} of the launcher
 * and its children, a restart with the data intact, a second service instance, and {@code ./parley down}.
 *
 * <p>The stack runs on its own ports and state directory, so a developer's own stack may run beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final int BASE = 28081;
    private static final int KEYCLOAK = 28180;
    private static final Tokens TOKENS = new Tokens(KEYCLOAK);
    /** The inbox config-service seeds for portal demo (DemoTenants.DEMO_INBOX). */
    private static final String DEMO_INBOX = "d0000000-0000-4000-8000-0000000000b1";
    private final Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
    private final Path state = root.resolve("system-tests/target/it-stack");
    private final ParleyCommand parley = ParleyCommand.ownStack(root, state, BASE, KEYCLOAK, 28092, 28432, Map.of());
    private String chatflowId;

    @Test
    @Order(1)
    void upStartsEverythingAndReportsReady() throws IOException {
        parley.run("down");
        FileTrees.delete(state);
        Files.createDirectories(state);

        ParleyCommand.Result up = parley.run("up", "-d");

        assertThat(up.exitCode()).isZero();
        assertThat(up.output()).contains("Parley is up in");
        for (int port = BASE; port < BASE + 5; port++) {
            given().get("http://127.0.0.1:" + port + "/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }

    @Test
    @Order(2)
    void realKeycloakTokensDecideAccess() {
        String agent = TOKENS.password("demo-agent-1");
        String claims = new String(Base64.getUrlDecoder().decode(agent.split("\\.")[1]), StandardCharsets.UTF_8);
        // Fixed in the realm file so that services can seed data for the demo users (DemoTenants).
        assertThat(JsonPath.from(claims).getString("sub")).isEqualTo("d0000000-0000-4000-8000-000000000011");
        assertThat(JsonPath.from(claims).getString("portal_id")).isEqualTo("demo");
        given().get(config("/api/v1/portal")).then().statusCode(401);
        given().auth().oauth2(TOKENS.password("demo-agent-1")).get(config("/api/v1/portal"))
                .then().statusCode(200).body("id", equalTo("demo"));
        given().auth().oauth2(TOKENS.password("other-agent")).get(config("/api/v1/portal"))
                .then().statusCode(200).body("id", equalTo("other"));
        given().auth().oauth2(TOKENS.password("demo-agent-1")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "WEBSITE")).post(config("/api/v1/chatflows"))
                .then().statusCode(403);
        given().auth().oauth2(TOKENS.clientCredentials()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "WEBSITE")).post(config("/api/v1/chatflows"))
                .then().statusCode(403);
    }

    @Test
    @Order(3)
    void aPublishInConfigServiceReachesRoutingServiceThroughTheBroker() {
        String admin = TOKENS.password("demo-admin");
        chatflowId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Pricing", "kind", "WEBSITE", "enabled", false,
                        "settings", Map.of("inboxId", DEMO_INBOX)))
                .post(config("/api/v1/chatflows")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).post(config("/api/v1/chatflows/" + chatflowId + "/publish"))
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).get(routing("/api/v1/catalog/chatflows/" + chatflowId))
                        .then().statusCode(200).body("version", equalTo(1)).body("snapshot.name", equalTo("Pricing")));
        given().auth().oauth2(TOKENS.password("other-admin")).get(routing("/api/v1/catalog/chatflows/" + chatflowId))
                .then().statusCode(404);
    }

    @Test
    @Order(4)
    void killDashNineOfTheLauncherAndItsChildrenLeavesNothingThatStopsTheNextStart() throws IOException {
        long launcherPid = Long.parseLong(Files.readString(state.resolve("launcher.pid")).trim());
        ProcessHandle launcher = ProcessHandle.of(launcherPid).orElseThrow();
        List<ProcessHandle> family = new ArrayList<>(launcher.descendants().toList());
        family.add(launcher);
        family.forEach(ProcessHandle::destroyForcibly);
        family.forEach(p -> p.onExit().join());

        ParleyCommand.Result again = parley.run("up", "-d");

        assertThat(again.exitCode()).isZero();
        Matcher took = Pattern.compile("Parley is up in ([0-9.]+) s").matcher(again.output());
        assertThat(took.find()).isTrue();
        System.out.println("restart after kill -9, Keycloak already built: " + took.group(1) + " s");
        String admin = TOKENS.password("demo-admin");
        given().auth().oauth2(admin).get(config("/api/v1/chatflows/" + chatflowId))
                .then().statusCode(200).body("publishedVersion", equalTo(1));
        given().auth().oauth2(admin).get(routing("/api/v1/catalog/chatflows/" + chatflowId))
                .then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    @Order(5)
    void aSecondInstanceJoinsTheRunningStack() {
        int port = Ports.free();
        ParleyCommand.Result instance = parley.run("instance", "routing-service", Integer.toString(port));

        assertThat(instance.exitCode()).isZero();
        given().auth().oauth2(TOKENS.password("demo-admin"))
                .get("http://127.0.0.1:" + port + "/api/v1/catalog/chatflows/" + chatflowId)
                .then().statusCode(200).body("version", equalTo(1));
        assertThat(parley.run("status").output()).contains("routing-service-" + port).contains("ready");
    }

    @Test
    @Order(6)
    void downStopsEverything() {
        ParleyCommand.Result down = parley.run("down");

        assertThat(down.exitCode()).isZero();
        for (int port : List.of(BASE, BASE + 1, BASE + 2, BASE + 3, BASE + 4, KEYCLOAK, 28092, 28432)) {
            assertThat(Ports.inUse(port)).as("port %d after down", port).isFalse();
        }
    }

    @AfterAll
    void stopWhateverIsLeft() {
        parley.run("down");
    }

    private static String config(String path) {
        return "http://127.0.0.1:" + BASE + path;
    }

    private static String routing(String path) {
        return "http://127.0.0.1:" + (BASE + 1) + path;
    }
}
