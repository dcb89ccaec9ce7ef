package dev.parley.system;

import static io.restassured.RestAssured.given;

import java.util.Map;

/**
 * Real access tokens from the stack's Keycloak (realm {@code parley}, as {@code ./parley up} imports it): a demo
 * user's by the password grant of the CLI client, the integration client's by client credentials.
 */
final class Tokens {

    private final String tokenUrl;

    /** Tokens from the Keycloak listening on {@code keycloakPort} on this machine. */
    Tokens(int keycloakPort) {
        this.tokenUrl = "http://127.0.0.1:" + keycloakPort + "/realms/parley/protocol/openid-connect/token";
    }

    /** A demo user's access token (every demo user's password is {@code parley}). */
    String password(String user) {
        return given().formParams(Map.of("grant_type", "password", "client_id", "parley-cli", "username", user,
                        "password", "parley"))
                .post(tokenUrl).then().statusCode(200).extract().path("access_token");
    }

    /** The integration client's access token (client credentials of {@code parley-integration}). */
    String clientCredentials() {
        return given().formParams(Map.of("grant_type", "client_credentials", "client_id", "parley-integration",
                        "client_secret", "parley-integration-secret"))
                .post(tokenUrl).then().statusCode(200).extract().path("access_token");
    }
}
