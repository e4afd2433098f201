package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.mail.TestSmtp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateLoginToken (API.md §6.7, issue 18 §2) and the sign-in it buys: the test servers run with
 * is.login-tokens.enabled=true. A token is mailed to the user (anyone may ask), shown only to an admin
 * asking for a user who is not an admin, and exchanged once for a session at /oauth/token.
 */
class LoginTokenApiIT {
    static final String GRANT = "urn:keyward:grant-type:login-token";

    private static Reply exchange(String token) {
        return Api.form("/oauth/token", "grant_type=" + Api.enc(GRANT) + "&token=" + Api.enc(token));
    }

    @Test
    void anyoneMayHaveATokenMailedToTheUserAndItSignsInOnce() {
        TestSmtp.start();
        String user = Api.uniqueId("logintoken");
        Users.register(user);

        Reply anonymous = Api.post("/api/v3/users/" + user + "/login-tokens", null, null);
        assertEquals(200, anonymous.status(), anonymous.body());
        assertFalse(anonymous.json().containsKey("token"), "only the user's mailbox gets it: " + anonymous.body());

        String token = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(90).toNanos(); token == null && System.nanoTime() < end; ) {
            List<TestSmtp.Mail> mails = TestSmtp.await(Users.email(user), 2, Duration.ofSeconds(5));
            for (TestSmtp.Mail m : mails) {
                String found = m.find("/token-login\\?token=([A-Z2-7]{52})");
                token = found != null ? found : token;
            }
        }
        assertNotNull(token, "the login-token mail was delivered with its link");

        Reply session = exchange(token);
        assertEquals(200, session.status(), session.body());
        String access = session.json().getString("access_token");
        assertTrue(access.startsWith("MFRWG."), session.body());
        assertEquals(200, Api.get("/api/v3/users/" + user + "?field_mask=primary_email_address", access).status());

        Reply again = exchange(token);
        assertEquals(400, again.status(), again.body());
        assertEquals("invalid_grant", again.json().getString("error"));
        assertEquals("login token already used", again.json().getString("error_description"));

        Reply unknown = exchange("A".repeat(52));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("login token not found", unknown.json().getString("error_description"));
    }

    @Test
    void anAdminGetsTheTokenOfAUserAndAtMostFiveAreUsableAtOnce() {
        String admin = Credentials.adminToken();
        String user = Api.uniqueId("logintoken");
        Users.register(user);

        Reply shown = Api.post("/api/v3/users/" + user + "/login-tokens?skip_email=true", null, admin);
        assertEquals(200, shown.status(), shown.body());
        String token = shown.json().getString("token");
        assertEquals(52, token.length());
        assertEquals(200, exchange(token).status());

        for (int i = 0; i < 5; i++) {
            assertEquals(200, Api.post("/api/v3/users/" + user + "/login-tokens?skip_email=true", null, admin).status());
        }
        Users.assertError(Api.post("/api/v3/users/" + user + "/login-tokens?skip_email=true", null, admin),
                409, "login_tokens_still_valid");

        // Not for an admin: an admin's token is never shown, only mailed.
        String otherAdmin = Api.uniqueId("logintokenadmin");
        Users.register(otherAdmin);
        Reply promoted = Api.put("/api/v3/users/" + otherAdmin, jakarta.json.Json.createObjectBuilder()
                .add("user", jakarta.json.Json.createObjectBuilder().add("admin", true))
                .add("field_mask", jakarta.json.Json.createObjectBuilder().add("paths", jakarta.json.Json.createArrayBuilder().add("admin")))
                .build(), admin);
        assertEquals(200, promoted.status(), promoted.body());
        Reply forAdmin = Api.post("/api/v3/users/" + otherAdmin + "/login-tokens?skip_email=true", null, admin);
        assertEquals(200, forAdmin.status(), forAdmin.body());
        assertFalse(forAdmin.json().containsKey("token"), forAdmin.body());

        // A user's own credentials do not make them an admin: nothing shown.
        String other = Api.uniqueId("logintoken");
        Users.register(other);
        String own = Credentials.login(user, Users.PASSWORD);
        Reply self = Api.post("/api/v3/users/" + other + "/login-tokens?skip_email=true", null, own);
        assertEquals(200, self.status(), self.body());
        assertFalse(self.json().containsKey("token"), self.body());
    }

    @Test
    void anUnknownUserIsNotFoundAndABadCredentialIsSwallowed() {
        Users.assertError(Api.post("/api/v3/users/" + Api.uniqueId("nobody") + "/login-tokens", null, null),
                404, "entity_not_found");
        String user = Api.uniqueId("logintoken");
        Users.register(user);
        Reply withBadKey = Api.post("/api/v3/users/" + user + "/login-tokens?skip_email=true", null, "NNSXS.BAD.KEY");
        assertEquals(200, withBadKey.status(), withBadKey.body());
        assertFalse(withBadKey.json().containsKey("token"), withBadKey.body());
    }
}
