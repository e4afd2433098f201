package io.keyward.it;

import static io.keyward.it.Users.PASSWORD;
import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.assertPlain;
import static io.keyward.it.Users.attributes;
import static io.keyward.it.Users.cause;
import static io.keyward.it.Users.email;
import static io.keyward.it.Users.register;
import static io.keyward.it.Users.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Users.Create over HTTP as an anonymous caller, with the server's default configuration
 * (registration open, no invitations, no admin approval, passwords ≥ 8 bytes with an uppercase
 * letter and a digit, not containing the user ID): the answer, validation, bad input, uniqueness.
 */
class UserRegistrationApiIT {

    @Test
    void anonymousRegistrationReturnsTheStoredUser() {
        String id = Api.uniqueId("reg");
        Reply r = Api.post("/api/v3/users", Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", id))
                        .add("name", "Alice")
                        .add("primaryEmailAddress", email(id))
                        .add("password", PASSWORD)
                        .add("admin", true)
                        .add("attributes", Json.createObjectBuilder().add("team", "rf"))
                        .add("unknown_field", "ignored"))
                .add("invitation_token", "")
                .build(), null);
        assertEquals(200, r.status(), r.body());
        JsonObject u = r.json();
        assertEquals(id, u.getJsonObject("ids").getString("user_id"));
        assertEquals("Alice", u.getString("name"));
        assertEquals(email(id), u.getString("primary_email_address"));
        assertEquals("rf", u.getJsonObject("attributes").getString("team"));
        assertEquals("STATE_APPROVED", u.getString("state"));
        assertEquals("{}", u.getJsonObject("console_preferences").toString());
        assertTrue(u.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6})?Z"), u.getString("created_at"));
        assertEquals(u.getString("created_at"), u.getString("password_updated_at"));
        for (String absent : List.of("password", "admin", "temporary_password", "description", "contact_info",
                "primary_email_address_validated_at", "deleted_at", "require_password_update")) {
            assertFalse(u.containsKey(absent), absent + " in " + u);
        }
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    }

    @Test
    void idsValidationIsAChainOfValidationErrors() {
        Reply r = Api.post("/api/v3/users", registration("Alice", "alice@example.com", PASSWORD), null);
        assertError(r, 400, "validation");
        assertEquals(3, r.grpcCode());
        assertEquals("error:pkg/errors:validation (invalid `user`: embedded message failed validation)",
                r.json().getString("message"));
        assertEquals("CreateUserRequestValidationError", attributes(r).getString("name"));
        JsonObject ids = cause(r);
        assertEquals("ids", ids.getJsonObject("attributes").getString("field"));
        JsonObject userId = ids.getJsonObject("cause");
        assertEquals("user_id", userId.getJsonObject("attributes").getString("field"));
        assertEquals("UserIdentifiersValidationError", userId.getJsonObject("attributes").getString("name"));
        assertEquals("value does not match regex pattern \"^[a-z0-9](?:[-]?[a-z0-9]){1,}$\"",
                userId.getJsonObject("attributes").getString("reason"));
        assertEquals(32, r.json().getJsonArray("details").getJsonObject(0).getString("correlation_id").length());

        for (String bad : List.of("a", "-ab", "ab-", "a--b", "a_b", "x".repeat(37), "")) {
            assertError(Api.post("/api/v3/users", registration(bad, "x@example.com", PASSWORD), null), 400, "validation");
        }
        assertError(Api.post("/api/v3/users", "{}", null), 400, "validation");
        assertEquals("value is required", attributes(Api.post("/api/v3/users", "{}", null)).getString("reason"));
        // Two characters are enough for a user ID (other IDs need three).
        String two = "u" + Integer.toString((int) (Math.random() * 36), 36);
        Reply ok = Api.post("/api/v3/users", registration(two, Api.uniqueId("two") + "@example.com", PASSWORD), null);
        assertTrue(ok.status() == 200 || "already_exists".equals(ok.errorName()), ok.body());
    }

    @Test
    void fieldLimitsAndEmailRules() {
        String id = Api.uniqueId("lim");
        JsonObject longName = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id))
                .add("name", "n".repeat(51)).add("primary_email_address", email(id)).add("password", PASSWORD)).build();
        Reply r = assertError(Api.post("/api/v3/users", longName, null), 400, "validation");
        assertEquals("name", cause(r).getJsonObject("attributes").getString("field"));
        assertEquals("value length must be at most 50 runes", cause(r).getJsonObject("attributes").getString("reason"));

        JsonObject manyAttributes = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id))
                .add("attributes", Json.createObjectBuilder().add("Bad_Key", "v"))
                .add("primary_email_address", email(id)).add("password", PASSWORD)).build();
        assertError(Api.post("/api/v3/users", manyAttributes, null), 400, "validation");

        // Rule 1 (message validation) rejects non-addresses; rule 2 (TTS's regex) the display-name form.
        r = assertError(Api.post("/api/v3/users", registration(id, "not-an-email", PASSWORD), null), 400, "validation");
        assertEquals("value must be a valid email address", cause(r).getJsonObject("attributes").getString("reason"));
        r = assertError(Api.post("/api/v3/users", registration(id, "Alice <alice@example.com>", PASSWORD), null), 400, "email");
        assertEquals("pkg/validate", r.errorNamespace());
        assertEquals("Alice <alice@example.com>", attributes(r).getString("email"));
        assertEquals(200, Api.post("/api/v3/users", registration(id, id + "@localhost", PASSWORD), null).status(),
                "dot-less domains are valid");
    }

    @Test
    void blocklistedIds() {
        for (String blocked : List.of("admin", "root", "support", "the-things-network")) {
            Reply r = assertError(Api.post("/api/v3/users", registration(blocked, Api.uniqueId("b") + "@example.com", PASSWORD), null),
                    400, "forbidden_id");
            assertEquals("pkg/identityserver/blocklist", r.errorNamespace());
            assertEquals(blocked, attributes(r).getString("id"));
            assertEquals("error:pkg/identityserver/blocklist:forbidden_id (the ID `" + blocked + "` can not be registered)",
                    r.json().getString("message"));
        }
    }

    @Test
    void passwordPolicyWithDefaults() {
        String id = Api.uniqueId("pwd");
        Reply r = assertError(Api.post("/api/v3/users", registration(id, email(id), "Sh0rt"), null), 400, "password_strength_min_length");
        assertEquals(8, attributes(r).getInt("n"));
        assertError(Api.post("/api/v3/users", registration(id, email(id), "alllower1"), null), 400, "password_strength_uppercase");
        assertError(Api.post("/api/v3/users", registration(id, email(id), "NoDigitsHere"), null), 400, "password_strength_digits");
        assertError(Api.post("/api/v3/users", registration(id, email(id), "X1" + id.toUpperCase()), null), 400, "password_contains_user_id");
        assertError(Api.post("/api/v3/users", registration(id, email(id), "āA0$"), null), 400, "password_strength_min_length");
        // Common passwords are allowed by default (reject-common is off).
        assertEquals(200, Api.post("/api/v3/users", registration(id, email(id), "Password1"), null).status());
    }

    @Test
    void duplicatesAreAlreadyExists() {
        String id = Api.uniqueId("dup");
        register(id);
        Reply r = assertError(Api.post("/api/v3/users", registration(id, Api.uniqueId("x") + "@example.com", PASSWORD), null),
                409, "already_exists");
        assertEquals("pkg/util/store", r.errorNamespace());
        assertFalse(r.json().getJsonArray("details").getJsonObject(0).containsKey("attributes"));
        assertError(Api.post("/api/v3/users", registration(Api.uniqueId("dup"), id.toUpperCase() + "@EXAMPLE.COM", PASSWORD), null),
                409, "already_exists");
    }

    @Test
    void concurrentCreatesOfOneIdLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = Api.uniqueId("race");
            int n = 4;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Same ID, different addresses (the ID decides); then same address, different IDs.
                String email = round == 2 ? "race-" + id + "@example.com" : Api.uniqueId("r") + "@example.com";
                String userId = round == 2 ? Api.uniqueId("race") : id;
                Callable<Reply> call = () -> {
                    start.await();
                    return Api.post("/api/v3/users", registration(userId, email, PASSWORD), null);
                };
                replies.add(pool.submit(call));
            }
            start.countDown();
            int ok = 0;
            int conflicts = 0;
            for (Future<Reply> f : replies) {
                Reply r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertError(r, 409, "already_exists");
                    conflicts++;
                }
            }
            pool.shutdown();
            assertEquals(1, ok, "exactly one Create wins");
            assertEquals(n - 1, conflicts);
        }
    }

    @Test
    void malformedRequestsArePlainStatuses() throws Exception {
        assertPlain(Api.post("/api/v3/users", "{\"user\": {", null), 400, 3);
        assertPlain(Api.post("/api/v3/users", "[1, 2]", null), 400, 3);
        assertPlain(Api.post("/api/v3/users", "{\"user\": {\"name\": 5}}", null), 400, 3);
        assertPlain(Api.post("/api/v3/users", "{\"user\": {\"admin\": \"yes\"}}", null), 400, 3);
        assertPlain(Api.post("/api/v3/users", "{\"user\": {\"state\": \"STATE_SLEEPING\"}}", null), 400, 3);
        assertPlain(Api.post("/api/v3/users", "{\"user\": {\"created_at\": \"2024-01-01T00:00:00+02:00\"}}", null), 400, 3);
        assertPlain(Api.post("/api/v3/users", "{\"user\": {\"profile_picture\": {\"embedded\": {\"data\": \"***\"}}}}", null), 400, 3);
        // An undefined enum number parses but fails validation.
        String id = Api.uniqueId("enum");
        JsonObject undefinedState = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id)).add("state", 9)
                .add("primary_email_address", email(id)).add("password", PASSWORD)).build();
        assertError(Api.post("/api/v3/users", undefinedState, null), 400, "validation");
        // The content type is not checked: JSON is assumed.
        String ct = Api.uniqueId("ct");
        java.net.http.HttpRequest plain = java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE + "/api/v3/users"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(registration(ct, email(ct), PASSWORD).toString())).build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(plain, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void wrongMethodsAreUnimplemented() {
        for (Reply r : List.of(Api.patch("/api/v3/users", "{}", null), Api.put("/api/v3/users", "{}", null),
                Api.delete("/api/v3/users", null), Api.post("/api/v3/users/someone", "{}", null),
                Api.get("/api/v3/users/someone/password", null), Api.get("/api/v3/users/someone/purge", null))) {
            assertEquals(501, r.status(), r.body());
            assertEquals(12, r.json().getInt("code"));
            assertEquals("Method Not Allowed", r.json().getString("message"));
        }
    }

    @Test
    void profilePictureUploadUpToEightMebibytes() {
        String id = Api.uniqueId("pic");
        byte[] image = new byte[8 * 1024 * 1024];
        new java.util.Random(1).nextBytes(image);
        String data = java.util.Base64.getEncoder().encodeToString(image);
        JsonObject body = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id))
                .add("primary_email_address", email(id)).add("password", PASSWORD)
                .add("profile_picture", Json.createObjectBuilder().add("embedded", Json.createObjectBuilder()
                        .add("mime_type", "image/png").add("data", data)))).build();
        Reply r = Api.post("/api/v3/users", body, null);
        assertEquals(200, r.status(), r.body().length() > 500 ? r.body().substring(0, 500) : r.body());
        assertEquals(data, r.json().getJsonObject("profile_picture").getJsonObject("embedded").getString("data"));

        byte[] tooBig = new byte[8 * 1024 * 1024 + 1];
        String id2 = Api.uniqueId("pic");
        JsonObject big = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id2))
                .add("primary_email_address", email(id2)).add("password", PASSWORD)
                .add("profile_picture", Json.createObjectBuilder().add("embedded", Json.createObjectBuilder()
                        .add("data", java.util.Base64.getEncoder().encodeToString(tooBig))))).build();
        Reply rejected = assertError(Api.post("/api/v3/users", big, null), 400, "validation");
        assertTrue(rejected.body().contains("value length must be at most 8388608 bytes"), rejected.body());
    }
}
