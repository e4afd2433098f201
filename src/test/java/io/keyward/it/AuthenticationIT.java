package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.entity.State;
import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box: POST /oauth/token, bearer credentials of every kind and state (API.md §2, TESTS.md §7),
 * and GET /api/v3/auth_info.
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticationIT {
    private static final String PASSWORD = "Secret-Passw0rd!";

    @Deployment(testable = false)
    static WebArchive seed() {
        return Credentials.seedDeployment();
    }

    @ArquillianResource
    URL seedUrl;

    @BeforeEach
    void useSeed() {
        Credentials.useSeed(seedUrl);
    }

    private static List<String> rights(JsonObject o) {
        return o.containsKey("rights") ? o.getJsonArray("rights").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList() : List.of();
    }

    @Test
    void passwordGrantAnswersTtsTokens() {
        Reply r = Credentials.loginReply(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        assertEquals(200, r.status(), r.body());
        JsonObject j = r.json();
        assertEquals("bearer", j.getString("token_type"));
        assertEquals(3600, j.getInt("expires_in"));
        assertTrue(j.getString("access_token").matches("MFRWG\\.[A-Z2-7]{39}\\.[A-Z2-7]{52}"), j.toString());
        assertTrue(j.getString("refresh_token").matches("OJSWM\\.[A-Z2-7]{39}\\.[A-Z2-7]{52}"), j.toString());
        assertTrue(r.contentType().startsWith("application/json"));
    }

    @Test
    void adminTokenAuthInfo() {
        Reply r = Api.get("/api/v3/auth_info", Credentials.adminToken());
        assertEquals(200, r.status(), r.body());
        JsonObject j = r.json();
        JsonObject token = j.getJsonObject("oauth_access_token");
        assertEquals(Api.ADMIN_ID, token.getJsonObject("user_ids").getString("user_id"));
        assertTrue(rights(token).contains("RIGHT_ALL"), "password grant carries RIGHT_ALL");
        assertTrue(rights(token).contains("RIGHT_USER_SETTINGS_API_KEYS"), "implied");
        assertNotNull(token.getString("created_at"));
        assertNotNull(token.getString("expires_at"));
        assertFalse(token.containsKey("access_token"));
        assertFalse(token.containsKey("refresh_token"));
        assertTrue(j.getBoolean("is_admin"));
        List<String> universal = rights(j.getJsonObject("universal_rights"));
        assertTrue(universal.contains("RIGHT_USER_INFO"));
        assertFalse(universal.contains("RIGHT_USER_SETTINGS_API_KEYS"), "default admin rights exclude _KEYS");
        assertFalse(universal.contains("RIGHT_ALL"));
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void refusedGrantsUseTheOAuthErrorBody() {
        String user = Api.uniqueId("login");
        Credentials.createUser(user, PASSWORD);
        Reply wrong = Credentials.loginReply(user, "Wrong-Passw0rd!");
        assertEquals(400, wrong.status(), wrong.body());
        assertEquals("invalid_grant", wrong.json().getString("error"));
        assertFalse(wrong.json().containsKey("access_token"));
        Reply unknown = Credentials.loginReply(Api.uniqueId("nobody"), PASSWORD);
        assertEquals(400, unknown.status());
        assertEquals(wrong.json().getString("error_description"), unknown.json().getString("error_description"),
                "unknown users and wrong passwords answer alike");

        Reply noGrant = Api.form("/oauth/token", "username=" + user + "&password=" + Api.enc(PASSWORD));
        assertEquals(400, noGrant.status());
        assertEquals("invalid_request", noGrant.json().getString("error"));
        Reply otherGrant = Api.form("/oauth/token", "grant_type=client_credentials");
        assertEquals(400, otherGrant.status());
        assertEquals("unsupported_grant_type", otherGrant.json().getString("error"));
        Reply noPassword = Api.form("/oauth/token", "grant_type=password&username=" + user);
        assertEquals("invalid_request", noPassword.json().getString("error"));
    }

    @Test
    void ttsPasswordHashIsUpgradedAtLogin() {
        String user = Api.uniqueId("upgrade");
        Credentials.createUser(user, PASSWORD);
        assertTrue(Credentials.userColumn(user, "password_hash").startsWith("PBKDF2$sha256$20000$"));
        Credentials.login(user, PASSWORD);
        assertTrue(Credentials.userColumn(user, "password_hash").startsWith("ARGON2ID$"));
        Credentials.login(user, PASSWORD);
    }

    @Test
    void refreshRotatesThePair() {
        String user = Api.uniqueId("refresh");
        Credentials.createUser(user, PASSWORD);
        JsonObject first = Credentials.loginReply(user, PASSWORD).json();
        Reply refreshed = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token=" + first.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        JsonObject second = refreshed.json();
        assertNotEquals(first.getString("access_token"), second.getString("access_token"));

        Reply newToken = Api.get("/api/v3/auth_info", second.getString("access_token"));
        assertEquals(200, newToken.status(), newToken.body());
        assertTrue(rights(newToken.json().getJsonObject("oauth_access_token")).contains("RIGHT_ALL"));
        Reply oldToken = Api.get("/api/v3/auth_info", first.getString("access_token"));
        assertEquals(401, oldToken.status(), oldToken.body());
        assertEquals("token_not_found", oldToken.errorName());
        Reply oldRefresh = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token=" + first.getString("refresh_token"));
        assertEquals(400, oldRefresh.status());
        assertEquals("invalid_grant", oldRefresh.json().getString("error"));
        Reply garbage = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token=nonsense");
        assertEquals("invalid_grant", garbage.json().getString("error"));
    }

    @Test
    void credentialErrorsAsTts() {
        JsonObject pair = Credentials.loginReply(Api.ADMIN_ID, Api.ADMIN_PASSWORD).json();

        Reply refreshAsBearer = Api.get("/api/v3/auth_info", pair.getString("refresh_token"));
        assertEquals(401, refreshAsBearer.status());
        assertEquals("unsupported_authorization", refreshAsBearer.errorName());
        assertEquals("error:pkg/identityserver:unsupported_authorization (unsupported authorization method)",
                refreshAsBearer.wwwAuthenticate());

        Reply malformed = Api.get("/api/v3/auth_info", "not-a-token");
        assertEquals(400, malformed.status());
        assertEquals("pkg/auth", malformed.errorNamespace());
        assertEquals("token", malformed.errorName());

        String id = "LDJLD26CAFQ7JYFT22NKKZXIIS7T4W6XLHSK5JA";
        Reply unknownKey = Api.get("/api/v3/auth_info", "NNSXS." + id + ".PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA");
        assertEquals(401, unknownKey.status());
        assertEquals("api_key_not_found", unknownKey.errorName());
        assertEquals("pkg/identityserver", unknownKey.errorNamespace());
        JsonObject cause = unknownKey.json().getJsonArray("details").getJsonObject(0).getJsonObject("cause");
        assertEquals("pkg/identityserver/store", cause.getString("namespace"));
        assertEquals(id, cause.getJsonObject("attributes").getString("api_key_id"));

        String access = pair.getString("access_token");
        String tampered = access.substring(0, access.length() - 4) + (access.endsWith("AAAA") ? "BBBB" : "AAAA");
        Reply wrongSecret = Api.get("/api/v3/auth_info", tampered);
        assertEquals(401, wrongSecret.status());
        assertEquals("invalid_authorization", wrongSecret.errorName());

        Reply session = Api.get("/api/v3/auth_info", "ONZW4." + id + ".PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA");
        assertEquals(401, session.status());
        assertEquals("token_not_found", session.errorName());

        Reply basic = Api.send("GET", "/api/v3/auth_info", null, null);
        assertEquals(200, basic.status());
        assertEquals("{}", basic.body().replace(" ", ""), "no credential: empty auth info");
    }

    @Test
    void otherAuthorizationTypesAreUnsupported() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var basic = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE + "/api/v3/auth_info"))
                .header("Authorization", "Basic YWRtaW46eA==").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode(), basic.body());
        assertTrue(basic.body().contains("unsupported_authorization"));
        var noSpace = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE + "/api/v3/auth_info"))
                .header("Authorization", "Bearer").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, noSpace.statusCode(), "a header without a space counts as absent");
        var lower = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE + "/api/v3/auth_info"))
                .header("Authorization", "bearer " + Credentials.adminToken()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, lower.statusCode());
        assertTrue(lower.body().contains("oauth_access_token"), "the type is case-insensitive");
    }

    @Test
    void apiKeyAuthInfoShowsTheKeyWithoutSecret() {
        String user = Api.uniqueId("keyinfo");
        Credentials.createUser(user, PASSWORD);
        String key = Credentials.createApiKey(user, Credentials.login(user, PASSWORD), Right.RIGHT_USER_ALL);
        Reply r = Api.get("/api/v3/auth_info", key);
        assertEquals(200, r.status(), r.body());
        JsonObject access = r.json().getJsonObject("api_key");
        assertEquals(user, access.getJsonObject("entity_ids").getJsonObject("user_ids").getString("user_id"));
        JsonObject apiKey = access.getJsonObject("api_key");
        assertEquals(key.split("\\.")[1], apiKey.getString("id"));
        assertFalse(apiKey.containsKey("key"));
        assertEquals("test key", apiKey.getString("name"));
        assertTrue(rights(apiKey).contains("RIGHT_USER_INFO"), "rights are implied");
        assertFalse(r.json().containsKey("is_admin"));
        assertFalse(r.json().containsKey("universal_rights"));
    }

    @Test
    void accountStatesRestrictRightsWithWarnings() {
        // TESTS.md §7 (98-101), with access tokens (restricted users cannot create API keys).
        String requested = Api.uniqueId("requested");
        Credentials.createUser(requested, PASSWORD, State.STATE_REQUESTED, false, true);
        Reply r = Api.get("/api/v3/auth_info", Credentials.login(requested, PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("Restricted rights while account pending"), r.warnings());
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_SETTINGS_BASIC", "RIGHT_USER_DELETE"),
                rights(r.json().getJsonObject("oauth_access_token")));

        String rejected = Api.uniqueId("rejected");
        Credentials.createUser(rejected, PASSWORD, State.STATE_REJECTED, false, true);
        r = Api.get("/api/v3/users/" + rejected + "/rights", Credentials.login(rejected, PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("Restricted rights after account rejection"), r.warnings());
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_DELETE"), rights(r.json()));

        String suspended = Api.uniqueId("suspended");
        Credentials.createUser(suspended, PASSWORD, State.STATE_SUSPENDED, true, true);
        Credentials.updateUser(suspended, Map.of("state_description", "abuse report 42"));
        r = Api.get("/api/v3/auth_info", Credentials.login(suspended, PASSWORD));
        assertEquals(List.of("Restricted rights after account suspension: abuse report 42"), r.warnings());
        assertEquals(List.of("RIGHT_USER_INFO"), rights(r.json().getJsonObject("oauth_access_token")));
        assertFalse(r.json().containsKey("is_admin"), "a suspended admin is no admin");

        String flagged = Api.uniqueId("flagged");
        Credentials.createUser(flagged, PASSWORD, State.STATE_FLAGGED, true, true);
        r = Api.get("/api/v3/auth_info", Credentials.login(flagged, PASSWORD));
        assertTrue(r.warnings().isEmpty());
        assertTrue(rights(r.json().getJsonObject("oauth_access_token")).contains("RIGHT_USER_SETTINGS_API_KEYS"));
        assertFalse(r.json().containsKey("is_admin"), "a flagged admin is no admin");
        Reply list = Api.get("/api/v3/users/" + Api.ADMIN_ID + "/rights", Credentials.login(flagged, PASSWORD));
        assertEquals("{}", list.body().replace(" ", ""), "no universal rights");
    }

    @Test
    void deletedUsersHaveNoWorkingCredential() {
        String user = Api.uniqueId("gone");
        Credentials.createUser(user, PASSWORD);
        String key = Credentials.createApiKey(user, Credentials.login(user, PASSWORD), Right.RIGHT_USER_INFO);
        String unusedToken = Credentials.login(user, PASSWORD);
        Credentials.updateUser(user, Map.of("deleted", "true"));

        Reply login = Credentials.loginReply(user, PASSWORD);
        assertEquals(400, login.status());
        assertEquals("invalid_grant", login.json().getString("error"));
        Reply byKey = Api.get("/api/v3/auth_info", key);
        assertEquals(401, byKey.status());
        assertEquals("api_key_not_found", byKey.errorName());
        Reply byToken = Api.get("/api/v3/auth_info", unusedToken);
        assertEquals(401, byToken.status());
        assertEquals("token_not_found", byToken.errorName());
        assertNull(byToken.json().get("oauth_access_token"));
    }

    @Test
    void failedLoginsAreThrottledPerUser() {
        String user = Api.uniqueId("throttled");
        Credentials.createUser(user, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertEquals(400, Credentials.loginReply(user, "Wrong-Passw0rd!" + i).status());
        }
        Reply blocked = Credentials.loginReply(user, PASSWORD);
        assertEquals(429, blocked.status(), blocked.body());
        assertEquals("invalid_grant", blocked.json().getString("error"));
        assertFalse(blocked.json().containsKey("access_token"));
        // Other users are not affected.
        String other = Api.uniqueId("unthrottled");
        Credentials.createUser(other, PASSWORD);
        Credentials.login(other, PASSWORD);
    }
}
