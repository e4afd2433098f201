package io.keyward.it;

import static io.keyward.it.Users.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.authn.TestJwts;
import io.keyward.it.Api.Reply;
import io.keyward.mail.TestSmtp;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The audit trail (issue 17 §2) over HTTP: each security-relevant action is performed through the API and
 * its record read back from {@code GET /api/v3/keyward/audit} — actor, client address, correlation ID,
 * target, action, outcome, the before/after values — and no secret the action involved (password, API key,
 * token) appears in any record. Also the filters, paging, the rule that users read only the records about
 * themselves, and that reads record nothing.
 */
class AuditApiIT {
    private static final String AUDIT = "/api/v3/keyward/audit";

    /** Every record matching {@code query}, newest first (all pages), read by the admin. */
    private static List<JsonObject> records(String query) {
        Reply r = Api.get(AUDIT + "?limit=1000&" + query, Credentials.adminToken());
        assertEquals(200, r.status(), r.body());
        return list(r);
    }

    private static List<JsonObject> list(Reply r) {
        List<JsonObject> out = new ArrayList<>();
        if (r.json().containsKey("records")) {
            r.json().getJsonArray("records").forEach(v -> out.add(v.asJsonObject()));
        }
        return out;
    }

    private static List<JsonObject> about(String userId) {
        return records("user_id=" + Api.enc(userId));
    }

    /** The newest record about {@code userId} with {@code action} and {@code outcome}; fails if none. */
    private static JsonObject record(String userId, String action, String outcome) {
        return find(about(userId), action, outcome);
    }

    /** The newest record of its own (not one of counted repeats) with {@code action} and {@code outcome}. */
    private static JsonObject find(List<JsonObject> records, String action, String outcome) {
        for (JsonObject r : records) {
            boolean repeats = r.containsKey("details") && r.getJsonObject("details").containsKey("repeated");
            if (r.getString("action").equals(action) && r.getString("outcome").equals(outcome) && !repeats) {
                return r;
            }
        }
        throw new AssertionError("no " + action + "/" + outcome + " record in " + records);
    }

    /**
     * The refusals the records stand for: a record of its own counts one, a record of repeats (the test
     * servers count repeats within is.audit.refusal-window=3s) counts its {@code repeated}.
     */
    private static long refusals(List<JsonObject> records) {
        return records.stream().mapToLong(r -> r.containsKey("details") && r.getJsonObject("details").containsKey("repeated")
                ? r.getJsonObject("details").getInt("repeated") : 1).sum();
    }

    /** Waits (up to 20 s: repeats are written when their window closes) until {@code done} holds for the records. */
    private static List<JsonObject> await(String query, Predicate<List<JsonObject>> done) {
        long end = System.nanoTime() + 20_000_000_000L;
        List<JsonObject> r = records(query);
        while (!done.test(r) && System.nanoTime() < end) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = records(query);
        }
        return r;
    }

    private static long count(List<JsonObject> records, Predicate<JsonObject> p) {
        return records.stream().filter(p).count();
    }

    /** The change of {@code path} in the record's details; fails if none. */
    private static JsonObject change(JsonObject record, String path) {
        for (JsonValue v : record.getJsonObject("details").getJsonArray("changes")) {
            if (v.asJsonObject().getString("path").equals(path)) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("no change of " + path + " in " + record);
    }

    private static void assertNoSecret(List<JsonObject> records, String... secrets) {
        String all = records.toString();
        for (String s : secrets) {
            assertFalse(all.contains(s), "a secret appears in the audit trail: " + s);
        }
    }

    /** Who, from where, in which request: filled on every record made over HTTP. */
    private static void assertContext(JsonObject record, String actorKind, String actorUserId) {
        assertEquals(actorKind, record.getJsonObject("actor").getString("kind"), record.toString());
        if (actorUserId != null) {
            assertEquals(actorUserId, record.getJsonObject("actor").getString("user_id"), record.toString());
        }
        assertEquals("127.0.0.1", record.getString("client_address"), record.toString());
        assertTrue(record.getString("correlation_id").matches("[0-9a-f]{32}"), record.toString());
        // Recent on this machine's clock: a record written with a shifted time zone would be hours off.
        Instant time = Instant.parse(record.getString("time"));
        Instant now = Instant.now();
        assertTrue(time.isAfter(now.minusSeconds(600)) && time.isBefore(now.plusSeconds(5)), time + " at " + now);
    }

    private static JsonObject update(String userId, JsonObject user, String... paths) {
        JsonArrayBuilder p = Json.createArrayBuilder();
        for (String s : paths) {
            p.add(s);
        }
        return Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder(user).add("ids", Json.createObjectBuilder().add("user_id", userId)))
                .add("field_mask", Json.createObjectBuilder().add("paths", p)).build();
    }

    @Test
    void userLifeCycleIsRecordedWithBeforeAndAfterValues() {
        String admin = Credentials.adminToken();
        String id = Api.uniqueId("aud");
        String password = "Create-Passw0rd-" + Api.uniqueId("x").hashCode();
        JsonObject body = Users.registration(id, Users.email(id), password);
        body = Json.createObjectBuilder(body).add("user", Json.createObjectBuilder(body.getJsonObject("user"))
                .add("state", "STATE_APPROVED")).build();
        Reply created = Api.post("/api/v3/users", body, admin);
        assertEquals(200, created.status(), created.body());

        JsonObject create = record(id, "user.create", "success");
        assertContext(create, "access_token", Api.ADMIN_ID);
        assertEquals("user", create.getJsonObject("target").getString("type"));
        assertEquals(id, create.getJsonObject("target").getString("id"));
        assertEquals(Users.email(id), change(create, "primary_email_address").getString("after"));
        assertEquals(JsonValue.NULL, change(create, "primary_email_address").get("before"));
        assertTrue(create.getJsonObject("details").getBoolean("password_set"));

        // The user's own change: before and after of exactly the fields that changed.
        String own = Credentials.login(id, password);
        Reply renamed = Api.put("/api/v3/users/" + id, update(id, Json.createObjectBuilder()
                .add("name", "Ada").add("description", "first").build(), "name", "description"), own);
        assertEquals(200, renamed.status(), renamed.body());
        Reply renamedAgain = Api.put("/api/v3/users/" + id, update(id, Json.createObjectBuilder()
                .add("name", "Ada Lovelace").add("description", "first").build(), "name", "description"), own);
        assertEquals(200, renamedAgain.status(), renamedAgain.body());
        JsonObject rename = record(id, "user.update", "success");
        assertContext(rename, "access_token", id);
        assertEquals("Ada", change(rename, "name").getString("before"));
        assertEquals("Ada Lovelace", change(rename, "name").getString("after"));
        assertFalse(rename.toString().contains("\"path\":\"description\""), "an unchanged field is no change: " + rename);

        // State and admin changes by an admin, and an admin-set temporary password (recorded without values).
        String temporary = "Temp-Passw0rd-" + Api.uniqueId("x").hashCode();
        Reply promoted = Api.put("/api/v3/users/" + id, update(id, Json.createObjectBuilder()
                .add("state", "STATE_SUSPENDED").add("admin", true).add("temporary_password", temporary).build(),
                "state", "admin", "temporary_password"), admin);
        assertEquals(200, promoted.status(), promoted.body());
        JsonObject promote = record(id, "user.update", "success");
        assertEquals(Api.ADMIN_ID, promote.getJsonObject("actor").getString("user_id"));
        assertEquals("STATE_APPROVED", change(promote, "state").getString("before"));
        assertEquals("STATE_SUSPENDED", change(promote, "state").getString("after"));
        assertEquals(JsonValue.NULL, change(promote, "admin").get("before"));
        assertTrue(change(promote, "admin").getBoolean("after"));
        assertFalse(change(promote, "temporary_password").containsKey("after"), promote.toString());
        Reply demoted = Api.put("/api/v3/users/" + id, update(id, Json.createObjectBuilder().add("admin", false).build(), "admin"), admin);
        assertEquals(200, demoted.status(), demoted.body());

        assertEquals(200, Api.delete("/api/v3/users/" + id, admin).status());
        assertContext(record(id, "user.delete", "success"), "access_token", Api.ADMIN_ID);
        assertEquals(200, Api.post("/api/v3/users/" + id + "/restore", null, admin).status());
        record(id, "user.restore", "success");
        assertEquals(200, Api.delete("/api/v3/users/" + id + "/purge", admin).status());
        // The purge's record outlives the user.
        assertContext(record(id, "user.purge", "success"), "access_token", Api.ADMIN_ID);

        List<JsonObject> all = about(id);
        assertNoSecret(all, password, temporary, own, admin);
        assertFalse(all.toString().toLowerCase().contains("hash"), "no password hash: " + all);
    }

    @Test
    void signInsAreRecordedByGrantAndFailuresWithoutThePassword() {
        String id = Api.uniqueId("audlogin");
        Users.register(id);
        Reply ok = Credentials.loginReply(id, Users.PASSWORD);
        assertEquals(200, ok.status(), ok.body());
        JsonObject login = record(id, "oauth.user.login", "success");
        assertContext(login, "anonymous", null);
        assertEquals("password", login.getJsonObject("details").getString("grant_type"));
        String sessionId = login.getJsonObject("details").getString("session_id");

        Reply refreshed = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token="
                + Api.enc(ok.json().getString("refresh_token")));
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("refresh_token", record(id, "oauth.user.login", "success").getJsonObject("details").getString("grant_type"));

        String wrong = "Wrong-Passw0rd-" + id;
        assertEquals(400, Credentials.loginReply(id, wrong).status());
        JsonObject failed = record(id, "oauth.user.login", "failure");
        assertContext(failed, "anonymous", null);
        assertEquals("invalid_grant", failed.getJsonObject("details").getString("error"));

        // The per-user-and-address limit (5) throttles the next attempts: recorded as throttled.
        Reply throttled = null;
        for (int i = 0; i < 6; i++) {
            throttled = Credentials.loginReply(id, wrong + i);
        }
        assertEquals(429, throttled.status(), throttled.body());
        assertContext(record(id, "oauth.user.login", "throttled"), "anonymous", null);

        // Ending the session (the user's own request).
        String access = refreshed.json().getString("access_token");
        assertEquals(200, Api.delete("/api/v3/users/" + id + "/sessions/" + sessionId, access).status());
        JsonObject ended = record(id, "user.session.delete", "success");
        assertContext(ended, "access_token", id);
        assertEquals(sessionId, ended.getJsonObject("details").getString("session_id"));

        List<JsonObject> all = about(id);
        assertNoSecret(all, Users.PASSWORD, wrong, ok.json().getString("access_token"),
                ok.json().getString("refresh_token"), access);
    }

    @Test
    void passwordChangesAndTemporaryPasswordsAreRecorded() {
        String id = Api.uniqueId("audpw");
        Users.register(id);
        String newPassword = "Changed-Passw0rd-" + Api.uniqueId("x").hashCode();
        Reply wrong = Api.put("/api/v3/users/" + id + "/password", Json.createObjectBuilder()
                .add("old", "Not-The-Passw0rd").add("new", newPassword).build(), null);
        assertEquals(401, wrong.status(), wrong.body());
        JsonObject refused = record(id, "user.update.password", "failure");
        assertContext(refused, "anonymous", null);

        Reply changed = Api.put("/api/v3/users/" + id + "/password", Json.createObjectBuilder()
                .add("old", Users.PASSWORD).add("new", newPassword).add("revoke_all_access", true).build(), null);
        assertEquals(200, changed.status(), changed.body());
        JsonObject change = record(id, "user.update.password", "success");
        assertTrue(change.getJsonObject("details").getBoolean("revoke_all_access"));

        assertEquals(200, Api.post("/api/v3/users/" + id + "/temporary_password", null, null).status());
        JsonObject temporary = record(id, "user.temporary-password.create", "success");
        assertContext(temporary, "anonymous", null);
        assertTrue(temporary.getJsonObject("details").containsKey("expires_at"));

        assertNoSecret(about(id), Users.PASSWORD, newPassword, "Not-The-Passw0rd");
    }

    @Test
    void apiKeysAreRecordedWithRightsBeforeAndAfterAndNeverTheirSecret() {
        String id = Api.uniqueId("audkey");
        Users.register(id);
        String token = Credentials.login(id, Users.PASSWORD);
        String key = Credentials.createApiKey(id, token, Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC);
        String keyId = key.split("\\.")[1];

        JsonObject create = record(id, "user.api-key.create", "success");
        assertContext(create, "access_token", id);
        assertEquals(keyId, create.getJsonObject("details").getString("api_key_id"));
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_SETTINGS_BASIC"),
                change(create, "rights").getJsonArray("after").getValuesAs(jakarta.json.JsonString::getString));

        Reply updated = Api.put("/api/v3/users/" + id + "/api-keys/" + keyId, Json.createObjectBuilder()
                .add("api_key", Json.createObjectBuilder().add("rights", Json.createArrayBuilder().add("RIGHT_USER_INFO")))
                .add("field_mask", Json.createObjectBuilder().add("paths", Json.createArrayBuilder().add("rights")))
                .build(), token);
        assertEquals(200, updated.status(), updated.body());
        JsonObject update = record(id, "user.api-key.update", "success");
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_SETTINGS_BASIC"),
                change(update, "rights").getJsonArray("before").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(List.of("RIGHT_USER_INFO"),
                change(update, "rights").getJsonArray("after").getValuesAs(jakarta.json.JsonString::getString));

        assertEquals(200, Api.delete("/api/v3/users/" + id + "/api-keys/" + keyId, token).status());
        JsonObject delete = record(id, "user.api-key.delete", "success");
        assertEquals(keyId, delete.getJsonObject("details").getString("api_key_id"));
        assertEquals(List.of("RIGHT_USER_INFO"),
                change(delete, "rights").getJsonArray("before").getValuesAs(jakarta.json.JsonString::getString));

        // An action done with an API key names the key.
        String second = Credentials.createApiKey(id, token, Right.RIGHT_USER_ALL);
        Reply renamed = Api.put("/api/v3/users/" + id, update(id, Json.createObjectBuilder().add("name", "by key").build(), "name"), second);
        assertEquals(200, renamed.status(), renamed.body());
        JsonObject byKey = record(id, "user.update", "success");
        assertContext(byKey, "api_key", id);
        assertEquals(second.split("\\.")[1], byKey.getJsonObject("actor").getString("credential_id"));

        String secret = key.split("\\.")[2];
        assertNoSecret(about(id), key, secret, second, second.split("\\.")[2], token, Users.PASSWORD);
    }

    @Test
    void invitationsAreRecordedFromSendToAcceptance() {
        String admin = Credentials.adminToken();
        String email = Api.uniqueId("audinv") + "@example.com";
        Reply sent = Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", email).build(), admin);
        assertEquals(200, sent.status(), sent.body());
        String invitationToken = sent.json().getString("token");
        List<JsonObject> sends = records("action=invitation.create&actor=" + Api.ADMIN_ID);
        JsonObject send = sends.stream().filter(r -> r.getJsonObject("target").getString("id").equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no invitation.create for " + email + " in " + sends));
        assertContext(send, "access_token", Api.ADMIN_ID);
        assertEquals("invitation", send.getJsonObject("target").getString("type"));

        String id = Api.uniqueId("audinv");
        Reply registered = Api.post("/api/v3/users", Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder().add("ids", Json.createObjectBuilder().add("user_id", id))
                        .add("primary_email_address", Users.email(id)).add("password", Users.PASSWORD))
                .add("invitation_token", invitationToken).build(), null);
        assertEquals(200, registered.status(), registered.body());
        JsonObject accept = record(id, "invitation.accept", "success");
        assertEquals(email, accept.getJsonObject("details").getString("email"));
        assertContext(record(id, "user.create", "success"), "anonymous", null);

        String other = Api.uniqueId("audinv2") + "@example.com";
        assertEquals(200, Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", other).build(), admin).status());
        assertEquals(200, Api.delete("/api/v3/invitations?email=" + Api.enc(other), admin).status());
        assertEquals(1, count(records("action=invitation.delete"),
                r -> r.getJsonObject("target").getString("id").equals(other)));

        assertNoSecret(records("action=invitation.create"), invitationToken);
        assertNoSecret(about(id), invitationToken, Users.PASSWORD);
    }

    @Test
    void scimOperationsAreRecordedAsTheProvisioningClient() {
        String id = Api.uniqueId("audscim");
        Reply created = ScimApiIT.scim("POST", "/Users", ScimApiIT.entraUser(id, "ext-" + id, id + "@contoso.example"));
        assertEquals(201, created.status(), created.body());
        JsonObject create = record(id, "user.create", "success");
        assertContext(create, "scim", null);
        assertEquals("scim", create.getJsonObject("actor").getString("credential_id"));
        assertEquals("ext-" + id, record(id, "user.sso.link", "success").getJsonObject("details").getString("subject"));

        Reply off = ScimApiIT.scim("PATCH", "/Users/" + id, ScimApiIT.patch(ScimApiIT.op("Replace", "active", "False")));
        assertEquals(200, off.status(), off.body());
        JsonObject deactivate = record(id, "user.update", "success");
        assertContext(deactivate, "scim", null);
        assertEquals("STATE_SUSPENDED", change(deactivate, "state").getString("after"));

        assertEquals(204, ScimApiIT.scim("DELETE", "/Users/" + id, null).status());
        assertContext(record(id, "user.delete", "success"), "scim", null);
        assertNoSecret(about(id), ScimApiIT.TOKEN);
    }

    @Test
    void ssoJustInTimeCreationAndLinkingAreRecorded() {
        String id = Api.uniqueId("audsso");
        String jwt = TestJwts.valid(id, id + "@corp.example", List.of());
        assertEquals(200, Api.get("/api/v3/auth_info", jwt).status());
        JsonObject create = record(id, "user.create", "success");
        assertEquals("sso", create.getJsonObject("actor").getString("kind"));
        assertEquals(TestJwts.ISSUER + "#" + TestJwts.subjectOf(id), create.getJsonObject("actor").getString("credential_id"));
        JsonObject link = record(id, "user.sso.link", "success");
        assertTrue(link.getJsonObject("details").getBoolean("just_in_time"));

        // An admin links a further identity by hand.
        Reply linked = Api.post("/api/v3/keyward/users/" + id + "/sso-links",
                Json.createObjectBuilder().add("subject", "second-" + id).build(), Credentials.adminToken());
        assertEquals(200, linked.status(), linked.body());
        assertEquals(1, count(about(id), r -> r.getString("action").equals("user.sso.link")
                && r.getJsonObject("actor").getString("user_id", "").equals(Api.ADMIN_ID)
                && r.getJsonObject("details").getString("subject").equals("second-" + id)));
        assertNoSecret(about(id), jwt);
    }

    @Test
    void usersReadOnlyTheirOwnRecordsAndDenialsAreRecorded() {
        String alice = Api.uniqueId("audalice");
        String bob = Api.uniqueId("audbob");
        Users.register(alice);
        Users.register(bob);
        String aliceToken = Credentials.login(alice, Users.PASSWORD);
        String bobToken = Credentials.login(bob, Users.PASSWORD);

        // Bob may not change Alice: refused (403), and the refusal is recorded about Alice.
        Reply denied = Api.put("/api/v3/users/" + alice, update(alice, Json.createObjectBuilder().add("name", "x").build(), "name"), bobToken);
        assertEquals(403, denied.status(), denied.body());
        JsonObject refusal = record(alice, "request.denied", "denied");
        assertContext(refusal, "access_token", bob);
        assertEquals("PUT", refusal.getJsonObject("details").getString("method"));

        // Alice reads her own trail (records about her only), including Bob's refused attempt.
        Reply own = Api.get(AUDIT, aliceToken);
        assertEquals(200, own.status(), own.body());
        List<JsonObject> mine = list(own);
        assertFalse(mine.isEmpty());
        assertTrue(mine.stream().allMatch(r -> r.getJsonObject("target").getString("id").equals(alice)), mine.toString());
        assertEquals(1, count(mine, r -> r.getString("action").equals("request.denied")));
        assertEquals(200, Api.get(AUDIT + "?user_id=" + alice, aliceToken).status());

        // ... but not Bob's, nor everyone's filtered by actor; anonymous callers read nothing.
        assertError(Api.get(AUDIT + "?user_id=" + bob, aliceToken), 403, "permission_denied");
        Reply anonymous = Api.get(AUDIT, null);
        assertEquals(401, anonymous.status(), anonymous.body());
        Reply byActor = Api.get(AUDIT + "?actor=" + bob, aliceToken);
        assertEquals(200, byActor.status());
        assertTrue(list(byActor).stream().allMatch(r -> r.getJsonObject("target").getString("id").equals(alice)));
        // An API key without RIGHT_USER_INFO on its owner reads nothing either.
        String narrow = Credentials.createApiKey(alice, aliceToken, Right.RIGHT_USER_SETTINGS_BASIC);
        assertEquals(403, Api.get(AUDIT, narrow).status());
    }

    @Test
    void filtersPagingAndReadsThatRecordNothing() {
        String id = Api.uniqueId("audpage");
        Users.register(id);
        String token = Credentials.login(id, Users.PASSWORD);
        for (int i = 0; i < 3; i++) {
            Reply r = Api.put("/api/v3/users/" + id, update(id, Json.createObjectBuilder().add("name", "n" + i).build(), "name"), token);
            assertEquals(200, r.status(), r.body());
        }
        String admin = Credentials.adminToken();
        // user.create, oauth.user.login, 3 × user.update
        Reply all = Api.get(AUDIT + "?user_id=" + id, admin);
        assertEquals(List.of("5"), all.totalCount(), all.body());

        // Reads (GET) write no record.
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Api.get("/api/v3/users/" + id, token).status());
            assertEquals(200, Api.get("/api/v3/users/" + id + "/api-keys", token).status());
            assertEquals(200, Api.get(AUDIT, token).status());
        }
        assertEquals(List.of("5"), Api.get(AUDIT + "?user_id=" + id, admin).totalCount());

        Reply updates = Api.get(AUDIT + "?user_id=" + id + "&action=user.update", admin);
        assertEquals(List.of("3"), updates.totalCount());
        List<JsonObject> u = list(updates);
        assertEquals("n1", change(u.get(0), "name").getString("before"), "newest first: " + u);
        assertEquals("n2", change(u.get(0), "name").getString("after"));

        Reply page2 = Api.get(AUDIT + "?user_id=" + id + "&action=user.update&limit=1&page=2", admin);
        assertEquals(List.of("3"), page2.totalCount());
        assertEquals(1, list(page2).size());
        assertEquals("n1", change(list(page2).get(0), "name").getString("after"));

        Reply byActor = Api.get(AUDIT + "?user_id=" + id + "&actor=" + id, admin);
        assertEquals(List.of("3"), byActor.totalCount(), "the user's own updates: " + byActor.body());

        Instant created = Instant.parse(list(all).get(list(all).size() - 1).getString("time"));
        Reply future = Api.get(AUDIT + "?user_id=" + id + "&since=" + Api.enc(Instant.now().plusSeconds(3600).toString()), admin);
        assertEquals(List.of("0"), future.totalCount());
        Reply untilCreate = Api.get(AUDIT + "?user_id=" + id + "&until=" + Api.enc(created.plusNanos(1000).toString()), admin);
        assertEquals(List.of("1"), untilCreate.totalCount(), untilCreate.body());
        assertEquals("user.create", list(untilCreate).get(0).getString("action"));

        assertError(Api.get(AUDIT + "?limit=1001", admin), 400, "validation");
        assertEquals(400, Api.get(AUDIT + "?since=yesterday", admin).status());
    }

    @Test
    void signOutIsRecordedAsTheTokensHolder() {
        String id = Api.uniqueId("audout");
        Users.register(id);
        Reply login = Credentials.loginReply(id, Users.PASSWORD);
        assertEquals(200, login.status(), login.body());
        String access = login.json().getString("access_token");
        String refresh = login.json().getString("refresh_token");
        String sessionId = record(id, "oauth.user.login", "success").getJsonObject("details").getString("session_id");

        Reply revoked = Api.form("/oauth/revoke", "token=" + Api.enc(refresh));
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(401, Api.get("/api/v3/users/" + id, access).status(), "signed out");
        JsonObject logout = record(id, "oauth.user.logout", "success");
        assertContext(logout, "access_token", id);
        assertEquals(access.split("\\.")[1], logout.getJsonObject("actor").getString("credential_id"));
        assertEquals(sessionId, logout.getJsonObject("details").getString("session_id"));
        assertEquals("refresh_token", logout.getJsonObject("details").getString("token_type"));

        // A token that ends nothing (already revoked, or made up) leaves no record.
        assertEquals(200, Api.form("/oauth/revoke", "token=" + Api.enc(access)).status());
        assertEquals(200, Api.form("/oauth/revoke", "token=not-a-token").status());
        assertEquals(1, count(about(id), r -> r.getString("action").equals("oauth.user.logout")));
        assertNoSecret(about(id), Users.PASSWORD, access, refresh, access.split("\\.")[2], refresh.split("\\.")[2]);
    }

    @Test
    void loginTokensAreRecordedWithoutTheToken() {
        String id = Api.uniqueId("audlt");
        Users.register(id);
        String admin = Credentials.adminToken();
        Reply shown = Api.post("/api/v3/users/" + id + "/login-tokens?skip_email=true", null, admin);
        assertEquals(200, shown.status(), shown.body());
        String token = shown.json().getString("token");
        JsonObject byAdmin = record(id, "user.login-token.create", "success");
        assertContext(byAdmin, "access_token", Api.ADMIN_ID);
        assertTrue(byAdmin.getJsonObject("details").getBoolean("token_shown"), byAdmin.toString());
        assertFalse(byAdmin.getJsonObject("details").getBoolean("mailed"), byAdmin.toString());
        assertTrue(byAdmin.getJsonObject("details").containsKey("expires_at"));

        assertEquals(200, Api.post("/api/v3/users/" + id + "/login-tokens", null, null).status());
        JsonObject anonymous = record(id, "user.login-token.create", "success");
        assertContext(anonymous, "anonymous", null);
        assertTrue(anonymous.getJsonObject("details").getBoolean("mailed"));
        assertFalse(anonymous.getJsonObject("details").getBoolean("token_shown"));

        // A refused request is recorded on its own (its transaction makes nothing).
        String nobody = Api.uniqueId("audltnone");
        assertEquals(404, Api.post("/api/v3/users/" + nobody + "/login-tokens", null, null).status());
        JsonObject refused = record(nobody, "user.login-token.create", "failure");
        assertContext(refused, "anonymous", null);
        assertEquals("user_not_found", refused.getJsonObject("details").getString("reason"));
        assertNoSecret(about(id), token);
    }

    @Test
    void temporaryPasswordRequestsThatMakeNothingAreRecordedAndAnsweredAlike() {
        String nobody = Api.uniqueId("audtpnone");
        Reply unknown = Api.post("/api/v3/users/" + nobody + "/temporary_password", null, null);
        assertEquals(200, unknown.status(), unknown.body());
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, unknown.json(), "the answer does not tell that the user does not exist");
        JsonObject refused = record(nobody, "user.temporary-password.create", "failure");
        assertContext(refused, "anonymous", null);
        assertEquals("user_not_found", refused.getJsonObject("details").getString("reason"));

        String id = Api.uniqueId("audtp");
        Users.register(id);
        Reply made = Api.post("/api/v3/users/" + id + "/temporary_password", null, null);
        Reply again = Api.post("/api/v3/users/" + id + "/temporary_password", null, null);
        assertEquals(made.body(), again.body(), "made or not, the answer is the same");
        record(id, "user.temporary-password.create", "success");
        assertEquals("temporary_password_still_valid",
                record(id, "user.temporary-password.create", "failure").getJsonObject("details").getString("reason"));
    }

    @Test
    void aBadScimTokenIsRecordedWithoutTheToken() {
        String wrong = "wrong-scim-token-" + Api.uniqueId("x");
        Instant before = Instant.now().minusSeconds(1);
        assertEquals(401, Api.send("GET", "/scim/v2/Users", null, wrong).status());
        // Refusals alike within the window are counted into one record: this one is a record of its own or
        // among the repeats of a record written at the latest when the window closes.
        List<JsonObject> refused = await("action=scim.authenticate", rs -> rs.stream().anyMatch(
                r -> !Instant.parse(r.getString("time")).isBefore(before)
                        && r.getJsonObject("details").getString("reason").equals("invalid_token")));
        JsonObject r = refused.stream().filter(x -> x.getJsonObject("details").getString("reason").equals("invalid_token"))
                .findFirst().orElseThrow(() -> new AssertionError("no scim.authenticate record in " + refused));
        assertEquals("failure", r.getString("outcome"));
        assertEquals("anonymous", r.getJsonObject("actor").getString("kind"));
        assertEquals("127.0.0.1", r.getString("client_address"));
        assertFalse(r.containsKey("target"), r.toString());
        assertNoSecret(refused, wrong, ScimApiIT.TOKEN);
    }

    @Test
    void aFloodOfRefusalsWritesAFewRecordsThatCountThemAll() {
        String id = Api.uniqueId("audflood");
        Users.register(id);
        // 5 failures (the per-user-and-address limit), then 15 throttled attempts that hash nothing.
        for (int i = 0; i < 20; i++) {
            Credentials.loginReply(id, "Wrong-Passw0rd-" + i);
        }
        List<JsonObject> throttled = await("user_id=" + id + "&action=oauth.user.login",
                rs -> refusals(only(rs, "throttled")) == 15 && refusals(only(rs, "failure")) == 5);
        assertEquals(15, refusals(only(throttled, "throttled")), throttled.toString());
        assertEquals(5, refusals(only(throttled, "failure")), throttled.toString());
        assertTrue(only(throttled, "throttled").size() < 15, "repeats are counted, not written one by one: " + throttled);
        JsonObject repeats = only(throttled, "throttled").stream().filter(r -> r.getJsonObject("details").containsKey("repeated"))
                .findFirst().orElseThrow(() -> new AssertionError("no record of repeats in " + throttled));
        assertEquals(id, repeats.getJsonObject("target").getString("id"));
        assertEquals("127.0.0.1", repeats.getString("client_address"));
        assertTrue(repeats.getJsonObject("details").containsKey("repeated_from"), repeats.toString());
        assertTrue(repeats.getJsonObject("details").containsKey("repeated_until"), repeats.toString());
        assertNoSecret(throttled, "Wrong-Passw0rd-");
    }

    private static List<JsonObject> only(List<JsonObject> records, String outcome) {
        return records.stream().filter(r -> r.getString("outcome").equals(outcome)).toList();
    }

    @Test
    void aUserDoesNotReadTheRecordsOfAnEarlierAccountOfTheSameId() {
        String admin = Credentials.adminToken();
        String id = Api.uniqueId("audreuse");
        Users.register(id);
        Credentials.login(id, Users.PASSWORD);
        assertEquals(200, Api.delete("/api/v3/users/" + id + "/purge", admin).status());
        long before = about(id).size();
        assertTrue(before >= 3, "create, login, purge: " + about(id));

        // The ID is free again: its new owner reads only what concerns the new account.
        Users.register(id);
        String token = Credentials.login(id, Users.PASSWORD);
        Reply own = Api.get(AUDIT, token);
        assertEquals(200, own.status(), own.body());
        List<JsonObject> mine = list(own);
        assertEquals(List.of("oauth.user.login", "user.create"), mine.stream().map(r -> r.getString("action")).toList(), mine.toString());
        assertEquals(List.of("2"), own.totalCount());
        assertEquals(before + 2, about(id).size(), "admins read both accounts' records");
    }


    @Test
    void anEmailValidationIsRecordedAsAChangeWithoutItsToken() {
        TestSmtp.start();
        String id = Api.uniqueId("audmail");
        Users.register(id);
        String reference = null;
        String token = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(90).toNanos(); token == null && System.nanoTime() < end; ) {
            for (TestSmtp.Mail m : TestSmtp.await(Users.email(id), 1, Duration.ofSeconds(5))) {
                if (m.find("validate\\?reference=([^&\\s]+)&") != null) {
                    reference = m.find("validate\\?reference=([^&\\s]+)&");
                    token = m.find("&token=([^&\\s]+)");
                }
            }
        }
        assertNotNull(token, "the validation mail was delivered");
        Reply validated = Api.patch("/api/v3/email/validation", Json.createObjectBuilder()
                .add("id", reference).add("token", token).build(), null);
        assertEquals(200, validated.status(), validated.body());

        JsonObject update = record(id, "user.update", "success");
        assertContext(update, "anonymous", null);
        assertEquals(reference, update.getJsonObject("details").getString("validation_id"));
        JsonObject validatedAt = change(update, "primary_email_address_validated_at");
        assertEquals(JsonValue.NULL, validatedAt.get("before"));
        assertNotNull(Instant.parse(validatedAt.getString("after")));
        assertNoSecret(about(id), token, Users.PASSWORD);
    }

}
