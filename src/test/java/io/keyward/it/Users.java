package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyward.it.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Helpers of the black-box user tests: registration bodies and the usual assertions. */
final class Users {
    static final String PASSWORD = "Secret-Passw0rd";

    private Users() {
    }

    static String email(String userId) {
        return userId + "@example.com";
    }

    /** A CreateUserRequest body for an anonymous registration. */
    static JsonObject registration(String userId, String email, String password) {
        return Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", userId))
                        .add("primary_email_address", email)
                        .add("password", password))
                .build();
    }

    /** Registers {@code userId} anonymously and returns the created user. */
    static JsonObject register(String userId) {
        Reply r = Api.post("/api/v3/users", registration(userId, email(userId), PASSWORD), null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** A TTS error with this HTTP status, gRPC code and error name, and no user data in it. */
    static Reply assertError(Reply r, int status, String name) {
        assertEquals(status, r.status(), r.body());
        assertEquals(name, r.errorName(), r.body());
        assertFalse(r.json().containsKey("ids"), "no data in an error");
        assertFalse(r.json().containsKey("users"), "no data in an error");
        assertNull(r.json().get("users"));
        return r;
    }

    /** A plain gRPC status without details: parse and routing errors. */
    static void assertPlain(Reply r, int status, int code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getInt("code"), r.body());
        assertFalse(r.json().containsKey("details"), r.body());
    }

    static JsonObject attributes(Reply r) {
        return r.json().getJsonArray("details").getJsonObject(0).getJsonObject("attributes");
    }

    static JsonObject cause(Reply r) {
        return r.json().getJsonArray("details").getJsonObject(0).getJsonObject("cause");
    }
}
