package dev.parley.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.Topics;
import dev.parley.infra.test.ParleyTestInfra;
import dev.parley.infra.test.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The surveys admin API: CRUD, validation naming the field, tenant isolation, inert text, SurveyDefined events. */
@QuarkusTest
@QuarkusTestResource(ParleyTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SurveyApiTest {

    private static final String ADMIN = TestTokens.admin("api-admin", "api-portal");
    private static final String OTHER_ADMIN = TestTokens.admin("api-other", "api-other-portal");
    private static final String AGENT = TestTokens.agent("api-agent", "api-portal");

    @Test
    void createGetEditListArchive() {
        String id = Fixtures.createSurvey(ADMIN, Fixtures.survey("After chat", "CHAT", "FIVE_POINT", true));

        given().auth().oauth2(ADMIN).get("/api/v1/surveys/" + id).then().statusCode(200)
                .body("name", equalTo("After chat")).body("scale", equalTo("FIVE_POINT"))
                .body("question.de", equalTo("Wie war unser Service?")).body("answerableHours", equalTo(168))
                .body("reinviteOnReclose", equalTo(true)).body("archived", equalTo(false))
                .body("revision", equalTo(1));

        Map<String, Object> edited = new HashMap<>(Fixtures.survey("Renamed", "CHAT", "EMOJI_3", false));
        edited.remove("followUpLow");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(edited).put("/api/v1/surveys/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed")).body("scale", equalTo("EMOJI_3"))
                .body("followUpLow", equalTo(null)).body("revision", equalTo(2));
        given().auth().oauth2(ADMIN).get("/api/v1/surveys").then().statusCode(200).body("id", hasItem(id));

        given().auth().oauth2(ADMIN).post("/api/v1/surveys/" + id + "/archive").then().statusCode(200)
                .body("archived", equalTo(true)).body("revision", equalTo(3));
        given().auth().oauth2(ADMIN).post("/api/v1/surveys/" + id + "/archive").then().statusCode(200)
                .body("revision", equalTo(3));
        given().auth().oauth2(ADMIN).get("/api/v1/surveys").then().body("id", not(hasItem(id)));
        given().auth().oauth2(ADMIN).get("/api/v1/surveys?includeArchived=true").then().body("id", hasItem(id));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(edited).put("/api/v1/surveys/" + id)
                .then().statusCode(409).contentType("application/problem+json");

        List<JsonNode> defined = Topic.readUntil(Topics.SURVEYS, id, Topic.has("SurveyDefined", 3));
        assertThat(defined).extracting(e -> e.get("revision").asInt()).containsExactly(1, 2, 3);
        assertThat(defined.get(2).get("archived").asBoolean()).isTrue();
        assertThat(defined.get(1).get("deliveryMethod").asText()).isEqualTo("CHAT");
        assertThat(defined.get(0).get("portalId").asText()).isEqualTo("api-portal");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        bad(with("scale", "TEN_POINT"), "scale");
        bad(with("deliveryMethod", "FAX"), "deliveryMethod");
        bad(with("name", "x".repeat(201)), "name");
        bad(with("answerableHours", 0), "answerableHours");
        bad(with("question", Map.of("de", "Nur deutsch")), "question.en");
        bad(with("thankYou", Map.of("en", "null byte \u0000")), "thankYou.en");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": 12, \"question\": [1]}")
                .post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("question"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{not json")
                .post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("x".repeat(300_000))
                .post("/api/v1/surveys").then().statusCode(413).contentType("application/problem+json");

        given().auth().oauth2(ADMIN).get("/api/v1/surveys?includeArchived=true").then().statusCode(200)
                .body("name", not(hasItem("x".repeat(201))));
    }

    @Test
    void hostileTextIsStoredAndReturnedAsIs() {
        String hostile = "<script>alert('x')</script> \"; drop table survey; -- ünï ✓";
        String id = Fixtures.createSurvey(ADMIN, with("name", hostile));

        given().auth().oauth2(ADMIN).get("/api/v1/surveys/" + id).then().statusCode(200)
                .contentType(ContentType.JSON).body("name", equalTo(hostile));
    }

    @Test
    void anotherPortalsSurveyIsNotThereAndOnlyAdminsManageSurveys() {
        String id = Fixtures.createSurvey(ADMIN, Fixtures.survey("Mine", "CHAT", "FIVE_POINT", false));

        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/surveys/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(OTHER_ADMIN).contentType(ContentType.JSON)
                .body(Fixtures.survey("Stolen", "CHAT", "FIVE_POINT", false)).put("/api/v1/surveys/" + id)
                .then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).post("/api/v1/surveys/" + id + "/archive").then().statusCode(404);
        given().auth().oauth2(OTHER_ADMIN).get("/api/v1/surveys?includeArchived=true").then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().auth().oauth2(AGENT).get("/api/v1/surveys").then().statusCode(403);
        given().get("/api/v1/surveys").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("no-portal", null, "admin")).get("/api/v1/surveys").then()
                .statusCode(403);
        given().auth().oauth2(ADMIN).get("/api/v1/surveys/" + id).then().statusCode(200)
                .body("name", equalTo("Mine"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Fixtures.survey("Valid", "CHAT", "FIVE_POINT", false));
        body.put(field, value);
        return body;
    }

    private static void bad(Map<String, Object> body, String field) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/surveys").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
    }
}
