package io.keyward.it;

import static io.keyward.it.Users.PASSWORD;
import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * UpdatePassword and CreateTemporaryPassword over HTTP: no credentials needed, an Authorization header
 * is ignored; Keyward answers CreateTemporaryPassword the same for unknown users and while a temporary
 * password is still valid (TESTS.md §1 item 13 deliberately differs).
 */
class UserPasswordApiIT {

    private static JsonObject change(String oldPassword, String newPassword, boolean revoke) {
        return Json.createObjectBuilder().add("old", oldPassword).add("new", newPassword).add("revoke_all_access", revoke).build();
    }

    @Test
    void updatePasswordWithTheOldOne() {
        String id = Api.uniqueId("pw");
        register(id);
        // 20: wrong old password → 401, with WWW-Authenticate.
        Reply wrong = assertError(Api.put("/api/v3/users/" + id + "/password", change("Wrong-Passw0rd", "New-Passw0rd", false), null),
                401, "old_password");
        assertEquals(16, wrong.grpcCode());
        assertEquals("error:pkg/identityserver:old_password (incorrect old password)", wrong.wwwAuthenticate());
        // 21: correct old password, weak new one → 400 (checked before anything else).
        assertError(Api.put("/api/v3/users/" + id + "/password", change(PASSWORD, "Weak", false), null),
                400, "password_strength_min_length");
        assertError(Api.put("/api/v3/users/" + Api.uniqueId("nobody") + "/password", change(PASSWORD, "Weak", false), null),
                400, "password_strength_min_length");
        assertError(Api.put("/api/v3/users/" + id + "/password", change(PASSWORD, PASSWORD, false), null),
                400, "password_equals_old");
        assertError(Api.put("/api/v3/users/" + Api.uniqueId("nobody") + "/password", change(PASSWORD, "New-Passw0rd", false), null),
                404, "user_not_found");
        assertError(Api.put("/api/v3/users/Not_Valid/password", change(PASSWORD, "New-Passw0rd", false), null), 400, "validation");

        // A garbage Authorization header is ignored by this method.
        Reply ok = Api.put("/api/v3/users/" + id + "/password", change(PASSWORD, "New-Passw0rd", true), "NNSXS.garbage.garbage");
        assertEquals(200, ok.status(), ok.body());
        assertEquals("{}", ok.body().replace(" ", ""));
        assertError(Api.put("/api/v3/users/" + id + "/password", change(PASSWORD, "Other-Passw0rd", false), null), 401, "old_password");
        assertEquals(200, Api.put("/api/v3/users/" + id + "/password", change("New-Passw0rd", "Other-Passw0rd", false), null).status());
        assertError(Api.put("/api/v3/users/" + id + "/password", "{\"new\": 5}", null), 400, null);
    }

    @Test
    void temporaryPasswordRequestsLookTheSameForEveryone() {
        String id = Api.uniqueId("tmp");
        register(id);
        // 12: without credentials, for an existing user.
        Reply first = Api.post("/api/v3/users/" + id + "/temporary_password", null, null);
        assertEquals(200, first.status(), first.body());
        assertEquals("{}", first.body().replace(" ", ""));
        // 13, Keyward: the repeat and an unknown user get the very same answer.
        Reply again = Api.post("/api/v3/users/" + id + "/temporary_password", null, null);
        assertEquals(200, again.status());
        assertEquals(first.body(), again.body());
        Reply unknown = Api.post("/api/v3/users/" + Api.uniqueId("nobody") + "/temporary_password", null, null);
        assertEquals(200, unknown.status());
        assertEquals(first.body(), unknown.body());
        // A body is ignored; an invalid ID is still a validation error.
        assertEquals(200, Api.post("/api/v3/users/" + id + "/temporary_password", "{\"garbage\": true}", null).status());
        Reply invalid = assertError(Api.post("/api/v3/users/X/temporary_password", null, null), 400, "validation");
        assertTrue(invalid.body().contains("user_ids"), invalid.body());
        // The account's password still works: a temporary password does not replace it.
        assertEquals(200, Api.put("/api/v3/users/" + id + "/password",
                Json.createObjectBuilder().add("old", PASSWORD).add("new", "New-Passw0rd").build(), null).status());
    }
}
