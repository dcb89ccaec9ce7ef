package dev.parley.survey;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one counter from /q/metrics (Prometheus text). */
final class Metrics {

    private Metrics() {
    }

    static double answers(String outcome) {
        return counter("parley_survey_answers_total", "outcome", outcome);
    }

    static double counter(String name, String tag, String value) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*" + tag + "=\"" + value + "\"[^}]*} ([0-9.Ee+-]+)$",
                Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
