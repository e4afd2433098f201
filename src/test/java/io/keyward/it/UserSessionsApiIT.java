package io.keyward.it;

import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.attributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The UserSessionRegistry (API.md §11.1, issue 18 §3) over HTTP: every sign-in at /oauth/token is a session
 * holding its token pairs; listing shows where it came from; deleting it revokes exactly its pairs; TTS's
 * rights (RIGHT_USER_ALL) and errors; Delete, Purge and UpdatePassword with revoke_all_access end them.
 */
class UserSessionsApiIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A password grant sent with this User-Agent; the whole answer. */
    private static JsonObject signIn(String userId, String password, String userAgent) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(Api.BASE + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + Api.enc(userId)
                        + "&password=" + Api.enc(password)))
                .timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode(), resp.body());
            return Json.createReader(new StringReader(resp.body())).readObject();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject signIn(String userId) {
        return signIn(userId, Users.PASSWORD, "UserSessionsApiIT");
    }

    private static Reply refresh(String refreshToken) {
        return Api.form("/oauth/token", "grant_type=refresh_token&refresh_token=" + Api.enc(refreshToken));
    }

    private static String sessions(String userId) {
        return "/api/v3/users/" + userId + "/sessions";
    }

    private static List<JsonObject> list(String userId, String query, String token) {
        Reply r = Api.get(sessions(userId) + query, token);
        assertEquals(200, r.status(), r.body());
        List<JsonObject> out = new ArrayList<>();
        if (r.json().containsKey("sessions")) {
            r.json().getJsonArray("sessions").forEach(v -> out.add(v.asJsonObject()));
        }
        return out;
    }

    private static List<String> ids(List<JsonObject> sessions) {
        return sessions.stream().map(s -> s.getString("session_id")).toList();
    }

    private static String authStatus(String token) {
        return Integer.toString(Api.get("/api/v3/auth_info", token).status());
    }

    @Test
    void aSignInIsListedWithItsAddressAgentAndTimes() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        Instant before = Instant.now().minusSeconds(5);
        JsonObject pair = signIn(user, Users.PASSWORD, "Mozilla/5.0 (X11; Linux) UserSessionsApiIT");
        String access = pair.getString("access_token");

        Reply r = Api.get(sessions(user), access);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("1"), r.totalCount());
        JsonObject s = r.json().getJsonArray("sessions").getJsonObject(0);
        assertEquals(user, s.getJsonObject("user_ids").getString("user_id"));
        String id = s.getString("session_id");
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "a UUID as in TTS: " + id);
        assertEquals("127.0.0.1", s.getString("client_address"));
        assertEquals("Mozilla/5.0 (X11; Linux) UserSessionsApiIT", s.getString("user_agent"));
        Instant created = Instant.parse(s.getString("created_at"));
        assertTrue(created.isAfter(before), s.toString());
        assertEquals(created, Instant.parse(s.getString("last_used_at")));
        assertTrue(Instant.parse(s.getString("expires_at")).isAfter(created.plus(Duration.ofDays(29))),
                "lives as long as its refresh token: " + s);
        assertFalse(s.containsKey("session_secret"), s.toString());

        // Refreshing stays in the session: same ID, later use, new expiry.
        Reply refreshed = refresh(pair.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        String next = refreshed.json().getString("access_token");
        List<JsonObject> after = list(user, "", next);
        assertEquals(List.of(id), ids(after));
        Instant used = Instant.parse(after.get(0).getString("last_used_at"));
        assertTrue(used.isAfter(created), after.toString());
        assertEquals(used, Instant.parse(after.get(0).getString("updated_at")));
        assertEquals(created, Instant.parse(after.get(0).getString("created_at")));
    }

    @Test
    void aLoginTokenSignInIsASessionToo() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        Reply shown = Api.post("/api/v3/users/" + user + "/login-tokens?skip_email=true", null, Credentials.adminToken());
        assertEquals(200, shown.status(), shown.body());
        Reply signedIn = Api.form("/oauth/token", "grant_type=" + Api.enc(LoginTokenApiIT.GRANT)
                + "&token=" + Api.enc(shown.json().getString("token")));
        assertEquals(200, signedIn.status(), signedIn.body());
        List<JsonObject> listed = list(user, "", signedIn.json().getString("access_token"));
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("127.0.0.1", listed.get(0).getString("client_address"));
    }

    @Test
    void deletingASessionRevokesItsTokensAndNoOthers() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        JsonObject first = signIn(user);
        JsonObject second = signIn(user);
        // The first session's current pair is one refresh old: the session holds the whole family.
        Reply refreshed = refresh(first.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        String firstAccess = refreshed.json().getString("access_token");
        String firstRefresh = refreshed.json().getString("refresh_token");
        String secondAccess = second.getString("access_token");
        String key = Credentials.createApiKey(user, secondAccess, Right.RIGHT_ALL);
        assertEquals("200", authStatus(firstAccess));

        List<JsonObject> listed = list(user, "?order=created_at", secondAccess);
        assertEquals(2, listed.size(), listed.toString());
        String firstId = listed.get(0).getString("session_id");
        String secondId = listed.get(1).getString("session_id");

        Reply deleted = Api.delete(sessions(user) + "/" + firstId, secondAccess);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("{}", deleted.body().replace(" ", ""));

        assertError(Api.get("/api/v3/auth_info", firstAccess), 401, "token_not_found");
        Reply refused = refresh(firstRefresh);
        assertEquals(400, refused.status(), refused.body());
        assertEquals("invalid_grant", refused.json().getString("error"));
        // The other session, and API keys, are untouched.
        assertEquals("200", authStatus(secondAccess));
        assertEquals("200", authStatus(key));
        assertEquals(List.of(secondId), ids(list(user, "", key)));
        Reply secondRefreshed = refresh(second.getString("refresh_token"));
        assertEquals(200, secondRefreshed.status(), secondRefreshed.body());

        // Deleted once: the second time it is not found.
        Reply again = assertError(Api.delete(sessions(user) + "/" + firstId, key), 404, "user_session_not_found");
        assertEquals("pkg/identityserver/store", again.errorNamespace());
        assertEquals(firstId, attributes(again).getString("session_id"));
        assertEquals(user, attributes(again).getString("user_id"));
    }

    @Test
    void unknownSessionsAreNotFoundAndBadRequestsInvalid() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        String access = signIn(user).getString("access_token");
        Reply unknown = assertError(Api.delete(sessions(user) + "/6d1f5c3e-0000-4000-8000-000000000000", access),
                404, "user_session_not_found");
        assertEquals(5, unknown.grpcCode());
        assertEquals("6d1f5c3e-0000-4000-8000-000000000000", attributes(unknown).getString("session_id"));
        // Another user's session is not this user's.
        String other = Api.uniqueId("sess");
        Users.register(other);
        String otherAccess = signIn(other).getString("access_token");
        String otherSession = list(other, "", otherAccess).get(0).getString("session_id");
        assertError(Api.delete(sessions(user) + "/" + otherSession, access), 404, "user_session_not_found");
        assertEquals("200", authStatus(otherAccess));

        assertError(Api.delete(sessions(user) + "/" + "x".repeat(65), access), 400, "validation");
        assertError(Api.get(sessions(user) + "?order=session_id", access), 400, "validation");
        assertError(Api.get(sessions(user) + "?limit=1001", access), 400, "validation");
        assertError(Api.get("/api/v3/users/A/sessions", access), 400, "validation");
    }

    @Test
    void onlyTheUserWithAllRightsMayListOrDelete() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        String access = signIn(user).getString("access_token");
        String sessionId = list(user, "", access).get(0).getString("session_id");
        String other = Api.uniqueId("sess");
        Users.register(other);
        String stranger = signIn(other).getString("access_token");
        String infoOnly = Credentials.createApiKey(user, access, Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC);

        assertError(Api.get(sessions(user), stranger), 403, "no_user_rights");
        assertError(Api.delete(sessions(user) + "/" + sessionId, stranger), 403, "no_user_rights");
        assertError(Api.get(sessions(user), null), 403, "no_user_rights");
        assertError(Api.delete(sessions(user) + "/" + sessionId, null), 403, "no_user_rights");
        assertError(Api.get(sessions(user), infoOnly), 403, "insufficient_user_rights");
        assertError(Api.delete(sessions(user) + "/" + sessionId, infoOnly), 403, "insufficient_user_rights");
        // Admins have RIGHT_USER_ALL on others only with is.admin-rights.all, which the test server leaves off.
        String admin = Credentials.adminToken();
        Reply byAdmin = Api.get(sessions(user), admin);
        assertEquals(403, byAdmin.status(), byAdmin.body());
        assertEquals(403, Api.delete(sessions(user) + "/" + sessionId, admin).status());
        // A stranger asking about an unknown user learns nothing either.
        assertError(Api.get(sessions(Api.uniqueId("nobody")), stranger), 403, "no_user_rights");

        assertEquals("200", authStatus(access), "nothing was deleted");
        assertEquals(List.of(sessionId), ids(list(user, "", access)));
    }

    @Test
    void listsPageAndOrderAsTts() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(signIn(user).getString("access_token"));
        }
        String access = tokens.get(2);
        List<String> byCreation = ids(list(user, "?order=created_at", access));
        assertEquals(3, byCreation.size());
        List<String> reversed = new ArrayList<>(byCreation);
        Collections.reverse(reversed);
        assertEquals(reversed, ids(list(user, "?order=-created_at", access)));
        assertEquals(byCreation.stream().sorted().toList(), ids(list(user, "", access)), "default: by session ID");

        Reply page1 = Api.get(sessions(user) + "?order=created_at&limit=2", access);
        assertEquals(List.of("3"), page1.totalCount());
        assertEquals(byCreation.subList(0, 2), ids(list(user, "?order=created_at&limit=2", access)));
        assertEquals(byCreation.subList(2, 3), ids(list(user, "?order=created_at&limit=2&page=2", access)));
        Reply past = Api.get(sessions(user) + "?limit=2&page=3", access);
        assertEquals(200, past.status());
        assertEquals("{}", past.body().replace(" ", ""), "an empty list has no array");
        assertEquals(List.of("3"), past.totalCount());
    }

    @Test
    void updatePasswordWithRevokeAllAccessEndsEverySession() {
        String user = Api.uniqueId("sess");
        Users.register(user);
        JsonObject a = signIn(user);
        JsonObject b = signIn(user);
        String key = Credentials.createApiKey(user, a.getString("access_token"), Right.RIGHT_ALL);
        // Without revoke_all_access the sessions stay.
        Reply kept = Api.put("/api/v3/users/" + user + "/password", Json.createObjectBuilder()
                .add("old", Users.PASSWORD).add("new", "Second-Passw0rd").build(), null);
        assertEquals(200, kept.status(), kept.body());
        assertEquals(2, list(user, "", key).size());

        Reply revoked = Api.put("/api/v3/users/" + user + "/password", Json.createObjectBuilder()
                .add("old", "Second-Passw0rd").add("new", Users.PASSWORD).add("revoke_all_access", true).build(), null);
        assertEquals(200, revoked.status(), revoked.body());
        Reply none = Api.get(sessions(user), key);
        assertEquals(200, none.status(), none.body());
        assertEquals(List.of("0"), none.totalCount());
        assertFalse(none.json().containsKey("sessions"), none.body());
        for (JsonObject pair : List.of(a, b)) {
            assertError(Api.get("/api/v3/auth_info", pair.getString("access_token")), 401, "token_not_found");
            assertEquals(400, refresh(pair.getString("refresh_token")).status());
        }
        assertEquals("200", authStatus(key), "API keys stay, as in TTS");
    }

    @Test
    void deleteAndPurgeEndTheUsersSessions() {
        String admin = Credentials.adminToken();
        String user = Api.uniqueId("sess");
        Users.register(user);
        JsonObject before = signIn(user);
        String beforeId = list(user, "", before.getString("access_token")).get(0).getString("session_id");
        assertEquals(200, Api.delete("/api/v3/users/" + user, admin).status());
        assertEquals(200, Api.post("/api/v3/users/" + user + "/restore", null, admin).status());
        // Deleted sessions are not restored (API.md §4.6): the old pair stays revoked.
        assertError(Api.get("/api/v3/auth_info", before.getString("access_token")), 401, "token_not_found");
        assertEquals(400, refresh(before.getString("refresh_token")).status());
        String after = signIn(user).getString("access_token");
        List<String> listed = ids(list(user, "", after));
        assertEquals(1, listed.size(), listed.toString());
        assertNotEquals(beforeId, listed.get(0));

        JsonObject last = signIn(user);
        assertEquals(200, Api.delete("/api/v3/users/" + user + "/purge", admin).status());
        assertEquals(400, refresh(last.getString("refresh_token")).status());
        // The ID is free again, and the new user starts without the old one's sessions.
        Users.register(user);
        String fresh = signIn(user).getString("access_token");
        List<String> afterPurge = ids(list(user, "", fresh));
        assertEquals(1, afterPurge.size(), afterPurge.toString());
        assertFalse(afterPurge.contains(listed.get(0)), afterPurge.toString());
    }
    /**
     * A request with a session's access token records its use, at most every few minutes (the PostgreSQL
     * pass, where the test can move the recorded use back in time instead of waiting for the interval).
     */
    @Test
    @EnabledIfSystemProperty(named = "keyward.pg.url", matches = ".+")
    void aRequestRecordsTheSessionsUse() throws Exception {
        String user = Api.uniqueId("sess");
        Users.register(user);
        String key = Credentials.createApiKey(user, signIn(user).getString("access_token"), Right.RIGHT_ALL);
        String unused = signIn(user).getString("access_token");
        String session = list(user, "?order=-created_at&limit=1", key).get(0).getString("session_id");
        try (Connection db = DriverManager.getConnection(System.getProperty("keyward.pg.url"),
                System.getProperty("keyward.pg.user"), System.getProperty("keyward.pg.password"));
             PreparedStatement s = db.prepareStatement(
                     "UPDATE user_sessions SET last_used_at = now() - interval '10 minutes' WHERE session_id = ?")) {
            s.setString(1, session);
            assertEquals(1, s.executeUpdate());
        }
        Instant before = Instant.now().minusSeconds(5);
        assertEquals("200", authStatus(unused));
        Instant used = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            JsonObject s = list(user, "?order=-created_at&limit=1", key).get(0);
            assertEquals(session, s.getString("session_id"));
            used = Instant.parse(s.getString("last_used_at"));
            if (used.isAfter(before)) {
                break;
            }
        }
        assertTrue(used != null && used.isAfter(before), "last use recorded: " + used);
    }
}
