package io.keyward.it;

import static io.keyward.it.Users.PASSWORD;
import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.email;
import static io.keyward.it.Users.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TESTS.md §1 "CRUD" (items 22–35) over HTTP with real credentials: a user {@code usr1} registered
 * through the API with a validated address (set by the admin), its all-rights API key, a second key
 * without any user-information right, and the bootstrap admin's access token. Item 36 (the only admin)
 * needs a database with a single admin and is covered in the container (UserRegistryIT).
 */
class UserCrudApiIT {
    private String usr1;
    private String key;
    private String weakKey;
    private String admin;

    private static JsonObject update(String json) {
        return Json.createReader(new java.io.StringReader(json)).readObject();
    }

    @BeforeEach
    void setUp() {
        usr1 = Api.uniqueId("usr1");
        register(usr1);
        admin = Credentials.adminToken();
        Reply validated = Api.put("/api/v3/users/" + usr1, update("""
                {"user": {"primary_email_address_validated_at": "2025-01-02T03:04:05Z"},
                 "field_mask": {"paths": ["primary_email_address_validated_at"]}}"""), admin);
        assertEquals(200, validated.status(), validated.body());
        String token = Credentials.login(usr1, PASSWORD);
        key = Credentials.createApiKey(usr1, token, Right.RIGHT_ALL);
        weakKey = Credentials.createApiKey(usr1, token, Right.RIGHT_USER_APPLICATIONS_LIST);
    }

    @Test
    void readsWithAndWithoutRights() {
        // 22
        Reply own = Api.get("/api/v3/users/" + usr1 + "?field_mask=name,admin,created_at,updated_at", key);
        assertEquals(200, own.status(), own.body());
        assertEquals(usr1, own.json().getJsonObject("ids").getString("user_id"));
        assertFalse(own.json().containsKey("admin"));
        assertFalse(own.json().containsKey("name"));
        assertNotNull(own.json().getString("created_at"));
        // 23
        Reply ids = Api.get("/api/v3/users/" + usr1 + "?field_mask=ids", weakKey);
        assertEquals(200, ids.status(), ids.body());
        assertEquals(usr1, ids.json().getJsonObject("ids").getString("user_id"));
        // 24
        assertError(Api.get("/api/v3/users/" + usr1 + "?field_mask=attributes", weakKey), 403, "insufficient_user_rights");
        // 25
        Reply contact = Api.get("/api/v3/users/" + usr1 + "?field_mask=contact_info", key);
        assertEquals(1, contact.json().getJsonArray("contact_info").size());
        JsonObject entry = contact.json().getJsonArray("contact_info").getJsonObject(0);
        assertEquals(email(usr1), entry.getString("value"));
        assertEquals("CONTACT_METHOD_EMAIL", entry.getString("contact_method"));
        assertEquals("2025-01-02T03:04:05Z", entry.getString("validated_at"));
        assertEquals(email(usr1), contact.json().getString("primary_email_address"));
        // 26
        Reply none = Api.get("/api/v3/users/" + usr1 + "?field_mask=contact_info", weakKey);
        assertEquals(200, none.status(), none.body());
        assertFalse(none.json().containsKey("contact_info"));
        assertFalse(none.json().containsKey("primary_email_address"));
        // Another user's key sees the public profile only.
        String other = Api.uniqueId("other");
        register(other);
        String otherKey = Credentials.createApiKey(other, Credentials.login(other, PASSWORD), Right.RIGHT_ALL);
        Reply pub = Api.get("/api/v3/users/" + usr1 + "?field_mask=name,state,profile_picture", otherKey);
        assertEquals(200, pub.status(), pub.body());
        assertEquals("STATE_APPROVED", pub.json().getString("state"));
        assertTrue(pub.json().getJsonObject("profile_picture").getJsonObject("sizes").getString("128").contains("gravatar"));
        assertError(Api.get("/api/v3/users/" + usr1 + "?field_mask=primary_email_address", otherKey), 403, "no_user_rights");
        assertError(Api.get("/api/v3/users/" + Api.uniqueId("nobody") + "?field_mask=name", otherKey), 404, "user_not_found");
        assertError(Api.get("/api/v3/users/" + Api.uniqueId("nobody") + "?field_mask=primary_email_address", otherKey), 403, "no_user_rights");
        assertError(Api.get("/api/v3/users/" + Api.uniqueId("nobody") + "?field_mask=primary_email_address", admin), 404, "user_not_found");
        // The admin reads everything asked for.
        Reply all = Api.get("/api/v3/users/" + usr1 + "?field_mask=primary_email_address,password_updated_at,console_preferences", admin);
        assertEquals(email(usr1), all.json().getString("primary_email_address"));
        assertEquals("{}", all.json().getJsonObject("console_preferences").toString());
    }

    @Test
    void updatesByTheUserAndByTheAdmin() {
        // 27
        Reply name = Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"name\": \"Updated Name\"}, \"field_mask\": \"name\"}"), key);
        assertEquals(200, name.status(), name.body());
        assertEquals("Updated Name", name.json().getString("name"));
        assertError(Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"state\": \"STATE_APPROVED\"}, \"field_mask\": \"state\"}"), key),
                403, "update_admin_field");
        // 28
        Reply flagged = Api.put("/api/v3/users/" + usr1, update("""
                {"user": {"state": "STATE_FLAGGED", "state_description": "something is wrong"},
                 "field_mask": {"paths": ["state", "state_description"]}}"""), admin);
        assertEquals(200, flagged.status(), flagged.body());
        assertEquals("STATE_FLAGGED", flagged.json().getString("state"));
        assertEquals("something is wrong", flagged.json().getString("state_description"));
        // 29
        Reply approved = Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"state\": \"APPROVED\"}, \"field_mask\": \"state\"}"), admin);
        assertEquals("STATE_APPROVED", approved.json().getString("state"));
        Reply read = Api.get("/api/v3/users/" + usr1 + "?field_mask=state,state_description", admin);
        assertEquals("STATE_APPROVED", read.json().getString("state"));
        assertFalse(read.json().containsKey("state_description"));
        // 30
        Reply byAdmin = Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"primary_email_address\": \"" + usr1
                + "-new@example.com\"}, \"field_mask\": \"primary_email_address\"}"), admin);
        assertEquals(200, byAdmin.status(), byAdmin.body());
        assertEquals(usr1 + "-new@example.com", byAdmin.json().getString("primary_email_address"));
        assertEquals("2025-01-02T03:04:05Z", Api.get("/api/v3/users/" + usr1 + "?field_mask=primary_email_address_validated_at", admin)
                .json().getString("primary_email_address_validated_at"));
        // 31
        Reply byUser = Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"primary_email_address\": \"" + usr1
                + "-own@example.com\"}, \"field_mask\": \"primary_email_address\"}"), key);
        assertEquals(usr1 + "-own@example.com", byUser.json().getString("primary_email_address"));
        assertFalse(byUser.json().containsKey("primary_email_address_validated_at"));
        assertFalse(Api.get("/api/v3/users/" + usr1 + "?field_mask=primary_email_address_validated_at", key)
                .json().containsKey("primary_email_address_validated_at"));
        // 32
        Reply prefs = Api.put("/api/v3/users/" + usr1, update("""
                {"user": {"console_preferences": {"console_theme": "CONSOLE_THEME_DARK",
                   "dashboard_layouts": {"api_key": "DASHBOARD_LAYOUT_GRID", "application": "DASHBOARD_LAYOUT_GRID",
                     "gateway": "DASHBOARD_LAYOUT_GRID", "organization": "DASHBOARD_LAYOUT_GRID",
                     "user": "DASHBOARD_LAYOUT_GRID", "overview": "DASHBOARD_LAYOUT_GRID"},
                   "sort_by": {"api_key": "name", "application": "name", "gateway": "name", "organization": "name", "user": "name"}}},
                 "field_mask": {"paths": ["console_preferences.console_theme", "console_preferences.dashboard_layouts",
                   "console_preferences.sort_by"]}}"""), key);
        assertEquals(200, prefs.status(), prefs.body());
        JsonObject cp = prefs.json().getJsonObject("console_preferences");
        assertEquals("CONSOLE_THEME_DARK", cp.getString("console_theme"));
        assertEquals(Json.createReader(new java.io.StringReader("""
                {"api_key":"DASHBOARD_LAYOUT_GRID","application":"DASHBOARD_LAYOUT_GRID","gateway":"DASHBOARD_LAYOUT_GRID",
                 "organization":"DASHBOARD_LAYOUT_GRID","overview":"DASHBOARD_LAYOUT_GRID","user":"DASHBOARD_LAYOUT_GRID"}""")).readObject(),
                cp.getJsonObject("dashboard_layouts"));
        assertEquals(Json.createReader(new java.io.StringReader("""
                {"api_key":"name","application":"name","gateway":"name","organization":"name","user":"name"}""")).readObject(),
                cp.getJsonObject("sort_by"));
        // The deprecated contact_info is dropped with a warning.
        Reply warned = Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"name\": \"N\"}, \"field_mask\": \"name,contact_info\"}"), key);
        assertEquals(200, warned.status(), warned.body());
        assertTrue(warned.warnings().contains("Contact info is deprecated and will be removed in the next major release"), warned.warnings().toString());
    }

    @Test
    void passwordChangeWithCredentials() {
        // 33
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reply changed = Api.put("/api/v3/users/" + usr1 + "/password",
                update("{\"old\": \"" + PASSWORD + "\", \"new\": \"NewPassw0rd!\"}"), key);
        assertEquals(200, changed.status(), changed.body());
        Instant updated = Instant.parse(Api.get("/api/v3/users/" + usr1 + "?field_mask=password_updated_at", key)
                .json().getString("password_updated_at"));
        assertFalse(updated.isBefore(before), updated + " before " + before);
        assertEquals(200, Credentials.loginReply(usr1, "NewPassw0rd!").status());
        assertNotEquals(200, Credentials.loginReply(usr1, PASSWORD).status());
        // revoke_all_access: access tokens stop working, API keys stay.
        String token = Credentials.login(usr1, "NewPassw0rd!");
        assertEquals(200, Api.get("/api/v3/users/" + usr1 + "?field_mask=name", token).status());
        assertEquals(200, Api.put("/api/v3/users/" + usr1 + "/password",
                update("{\"old\": \"NewPassw0rd!\", \"new\": \"Newer-Passw0rd\", \"revoke_all_access\": true}"), null).status());
        assertEquals(401, Api.get("/api/v3/users/" + usr1 + "?field_mask=name", token).status());
        assertEquals(200, Api.get("/api/v3/users/" + usr1 + "?field_mask=name", key).status());
    }

    @Test
    void deleteRestoreAndPurge() {
        // 34
        Reply deleted = Api.delete("/api/v3/users/" + usr1, key);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("{}", deleted.body().replace(" ", ""));
        Reply own = assertError(Api.get("/api/v3/users/" + usr1, key), 401, "api_key_not_found");
        assertNotNull(own.wwwAuthenticate());
        assertError(Api.get("/api/v3/users/" + usr1, admin), 404, "user_not_found");
        assertError(Api.delete("/api/v3/users/" + usr1, admin), 404, "user_not_found");
        // The ID stays taken, the address is free.
        assertError(Api.post("/api/v3/users", Users.registration(usr1, Api.uniqueId("x") + "@example.com", PASSWORD), null),
                409, "already_exists");
        // Listed with deleted=true, restorable by the admin, then its key works again.
        Reply list = Api.get("/api/v3/users?deleted=true&field_mask=name&limit=1000&order=-created_at", admin);
        assertTrue(list.json().getJsonArray("users").stream().anyMatch(u -> u.asJsonObject().getJsonObject("ids")
                .getString("user_id").equals(usr1) && u.asJsonObject().containsKey("deleted_at")), list.body());
        assertEquals(200, Api.post("/api/v3/users/" + usr1 + "/restore", null, admin).status());
        assertEquals(200, Api.get("/api/v3/users/" + usr1 + "?field_mask=name", key).status());
        assertError(Api.post("/api/v3/users/" + usr1 + "/restore", null, admin), 404, "user_not_found");
        assertEquals(200, Api.delete("/api/v3/users/" + usr1, key).status());
        // 35
        assertError(Api.delete("/api/v3/users/" + usr1 + "/purge", key), 403, "admins_purge_users");
        Reply purged = Api.delete("/api/v3/users/" + usr1 + "/purge", admin);
        assertEquals(200, purged.status(), purged.body());
        assertError(Api.delete("/api/v3/users/" + usr1 + "/purge", admin), 404, "entity_not_found");
        assertError(Api.get("/api/v3/users/" + usr1, key), 401, "api_key_not_found");
        // Purged: the ID and the address can be registered again.
        register(usr1);
    }

    @Test
    void credentialErrorsSurfaceOrAreSwallowedAsTheSpecSays() {
        String bad = "NNSXS.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        // Rights-checked methods surface the bad credential.
        assertError(Api.get("/api/v3/users/" + usr1, bad), 401, "api_key_not_found");
        assertError(Api.put("/api/v3/users/" + usr1, update("{\"field_mask\": \"name\"}"), bad), 401, "api_key_not_found");
        assertError(Api.delete("/api/v3/users/" + usr1, bad), 401, "api_key_not_found");
        assertError(Api.get("/api/v3/search/users", bad), 401, "api_key_not_found");
        assertError(Api.get("/api/v3/users/" + usr1, "garbage"), 400, "token");
        // Admin-only checks swallow it.
        assertError(Api.get("/api/v3/users", bad), 403, "permission_denied");
        assertError(Api.delete("/api/v3/users/" + usr1 + "/purge", bad), 403, "admins_purge_users");
        String id = Api.uniqueId("anon");
        Reply created = Api.post("/api/v3/users", Users.registration(id, email(id), PASSWORD), bad);
        assertEquals(200, created.status(), "a bad credential registers as anonymous: " + created.body());
        // A non-admin's valid credential is not enough for admin-only methods.
        assertError(Api.get("/api/v3/users", key), 403, "permission_denied");
        assertError(Api.get("/api/v3/search/users", key), 403, "search_forbidden");
        assertError(Api.get("/api/v3/search/users?deleted=true", key), 403, "search_forbidden");
        assertError(Api.delete("/api/v3/users/" + id + "/purge", key), 403, "admins_purge_users");
        assertError(Api.delete("/api/v3/users/" + id, key), 403, "no_user_rights");
        // A non-admin cannot make itself admin, and nobody becomes admin by registering.
        assertError(Api.put("/api/v3/users/" + usr1, update("{\"user\": {\"admin\": true}, \"field_mask\": \"admin\"}"), key),
                403, "update_admin_field");
        JsonObject self = Api.post("/api/v3/users", update("""
                {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "%s", "password": "%s", "admin": true}}
                """.formatted(Api.uniqueId("sneaky"), Api.uniqueId("s") + "@example.com", PASSWORD)), key).json();
        assertFalse(self.containsKey("admin"));
    }

    @Test
    void adminCreatesUsersWithEveryField() {
        String id = Api.uniqueId("made");
        Reply r = Api.post("/api/v3/users", update("""
                {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "%s", "password": "%s",
                  "state": "STATE_APPROVED", "admin": true, "require_password_update": true,
                  "primary_email_address_validated_at": "2024-02-03T04:05:06.789Z"}}
                """.formatted(id, email(id), PASSWORD)), admin);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().getBoolean("admin"));
        assertTrue(r.json().getBoolean("require_password_update"));
        assertEquals("2024-02-03T04:05:06.789Z", r.json().getString("primary_email_address_validated_at"));
        // That admin can list users; then it is demoted and purged again.
        String token = Credentials.login(id, PASSWORD);
        assertEquals(200, Api.get("/api/v3/users?limit=1", token).status());
        assertEquals(200, Api.put("/api/v3/users/" + id, update("{\"user\": {\"admin\": false}, \"field_mask\": \"admin\"}"), admin).status());
        assertError(Api.get("/api/v3/users?limit=1", token), 403, "permission_denied");
        assertEquals(200, Api.delete("/api/v3/users/" + id + "/purge", admin).status());
    }
}
