package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.authn.TestJwts;
import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box enterprise SSO: the test server trusts the test key pair's public half
 * (is.sso.enabled, mp.jwt.verify.*, JIT provisioning on, admin group "keyward-admins"; see pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class SsoIT {

    @Deployment(testable = false)
    static WebArchive seed() {
        return Credentials.seedDeployment();
    }

    @ArquillianResource
    URL seedUrl;

    @Test
    void stateAndDeletionApplyToSsoUsers() {
        Credentials.useSeed(seedUrl);
        String user = Api.uniqueId("ssostate");
        Credentials.createUser(user, "Secret-Passw0rd!", io.keyward.entity.State.STATE_SUSPENDED, true, true);
        // An existing local user: a token that only names it is refused (issue 12 §4) until an admin links
        // the identity to the account.
        Reply unlinked = Api.get("/api/v3/auth_info", TestJwts.valid(user, user + "@corp.example", List.of()));
        assertEquals(401, unlinked.status(), unlinked.body());
        assertEquals("sso_identity_not_linked", unlinked.errorName());
        Reply linked = Api.post("/api/v3/keyward/users/" + user + "/sso-links",
                Json.createObjectBuilder().add("subject", TestJwts.subjectOf(user)).build(), Credentials.adminToken());
        assertEquals(200, linked.status(), linked.body());
        // Linked: the state restricts it and the admin flag of a suspended user does not count.
        Reply suspended = Api.get("/api/v3/auth_info", TestJwts.valid(user, "other-" + user + "@corp.example", List.of()));
        assertEquals(200, suspended.status(), suspended.body());
        assertEquals(List.of("Restricted rights after account suspension"), suspended.warnings());
        assertFalse(suspended.json().containsKey("is_admin"));

        Credentials.updateUser(user, Map.of("deleted", "true"));
        // A fresh token (not cached): deleted users have no working credential, and are not re-provisioned.
        Reply deleted = Api.get("/api/v3/auth_info", TestJwts.valid(user, user + "@corp.example", List.of()));
        assertEquals(401, deleted.status(), deleted.body());
        assertEquals("invalid_authorization", deleted.errorName());
    }

    @Test
    void validJwtProvisionsTheUserJustInTime() {
        String user = Api.uniqueId("sso");
        String jwt = TestJwts.valid(user.toUpperCase(), user + "@corp.example", List.of("staff"));
        Reply info = Api.get("/api/v3/auth_info", jwt);
        assertEquals(200, info.status(), info.body());
        JsonObject token = info.json().getJsonObject("oauth_access_token");
        assertEquals(user, token.getJsonObject("user_ids").getString("user_id"));
        assertTrue(token.getJsonArray("rights").toString().contains("RIGHT_USER_SETTINGS_API_KEYS"));
        assertFalse(info.json().containsKey("is_admin"));

        // All of the user's rights, like a console session: it can manage its own API keys.
        String key = Credentials.createApiKey(user, jwt, Right.RIGHT_USER_INFO);
        assertEquals(200, Api.get("/api/v3/users/" + user + "/rights", key).status());
        // No password: the user cannot log in with one.
        assertEquals(400, Credentials.loginReply(user, "").status());
        // The next token for the same user finds it, no second provisioning.
        assertEquals(200, Api.get("/api/v3/auth_info", TestJwts.valid(user, user + "@corp.example", List.of())).status());
    }

    @Test
    void adminGroupMakesTheCallerAnAdmin() {
        String user = Api.uniqueId("ssoadmin");
        String jwt = TestJwts.valid(user, user + "@corp.example", List.of(TestJwts.ADMIN_GROUP));
        Reply info = Api.get("/api/v3/auth_info", jwt);
        assertEquals(200, info.status(), info.body());
        assertTrue(info.json().getBoolean("is_admin"));
        assertTrue(info.json().getJsonObject("universal_rights").toString().contains("RIGHT_USER_INFO"));
        // Universal rights work: the admin reads another user's rights.
        assertTrue(Api.get("/api/v3/users/" + Api.ADMIN_ID + "/rights", jwt).body().contains("RIGHT_USER_INFO"));
    }

    @Test
    void badJwtsAreUnauthenticated() {
        Instant exp = Instant.now().plusSeconds(300);
        String user = Api.uniqueId("ssobad");
        Map<String, String> cases = Map.of(
                "invalid_authorization", TestJwts.sign("sso/other-private.pem",
                        Map.of("iss", TestJwts.ISSUER, "aud", TestJwts.AUDIENCE, "preferred_username", user, "email", user + "@x.example"), exp),
                "token_expired", TestJwts.sign("sso/sso-test-private.pem",
                        Map.of("iss", TestJwts.ISSUER, "aud", TestJwts.AUDIENCE, "preferred_username", user, "email", user + "@x.example"),
                        Instant.now().minusSeconds(600)));
        cases.forEach((error, jwt) -> {
            Reply r = Api.get("/api/v3/auth_info", jwt);
            assertEquals(401, r.status(), error + ": " + r.body());
            assertEquals(error, r.errorName());
        });
        Reply wrongIssuer = Api.get("/api/v3/auth_info", TestJwts.sign("sso/sso-test-private.pem",
                Map.of("iss", "https://evil.example", "aud", TestJwts.AUDIENCE, "preferred_username", user, "email", user + "@x.example"), exp));
        assertEquals(401, wrongIssuer.status());
        Reply wrongAudience = Api.get("/api/v3/auth_info", TestJwts.sign("sso/sso-test-private.pem",
                Map.of("iss", TestJwts.ISSUER, "aud", "other", "preferred_username", user, "email", user + "@x.example"), exp));
        assertEquals(401, wrongAudience.status());
        // None of them provisioned the user.
        Reply unknown = Api.get("/api/v3/users/" + user + "/rights", Credentials.adminToken());
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("user_not_found", unknown.errorName());
    }
}
