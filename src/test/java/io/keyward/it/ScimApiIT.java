package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.authn.TestJwts;
import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SCIM 2.0 provisioning (issue 17) driven as Microsoft Entra ID and Okta drive it: the request bodies
 * are shaped as in their published SCIM examples (Entra's "Develop and plan provisioning for a SCIM
 * endpoint", Okta's "SCIM 2.0 protocol reference"), including Entra's capitalised ops and string
 * booleans and Okta's path-less replace. The test server trusts the provisioning token below (its
 * SHA-256 is is.scim.token-hash in pom.xml).
 */
class ScimApiIT {
    static final String TOKEN = "scim-test-token-7f3a9c2e41b8d6057e1f";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    static Reply scim(String method, String path, Object body) {
        return Api.send(method, "/scim/v2" + path, body, TOKEN);
    }

    static String filter(String f) {
        return "?filter=" + Api.enc(f);
    }

    /** A SCIM error: the status, the error schema, and the scimType if one is expected. */
    static void assertScimError(Reply r, int status, String scimType) {
        assertEquals(status, r.status(), r.body());
        JsonObject e = r.json();
        assertEquals(ERROR_SCHEMA, e.getJsonArray("schemas").getString(0), r.body());
        assertEquals(String.valueOf(status), e.getString("status"), r.body());
        if (scimType != null) {
            assertEquals(scimType, e.getString("scimType"), r.body());
        }
        assertFalse(e.getString("detail").isEmpty(), r.body());
    }

    /** Entra ID's create-user request (with enterprise extension and roles it sends). */
    static JsonObject entraUser(String userName, String externalId, String email) {
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(USER_SCHEMA)
                        .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
                .add("externalId", externalId)
                .add("userName", userName)
                .add("active", true)
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("primary", true).add("type", "work").add("value", email)))
                .add("meta", Json.createObjectBuilder().add("resourceType", "User"))
                .add("name", Json.createObjectBuilder().add("formatted", "givenName familyName")
                        .add("familyName", "familyName").add("givenName", "givenName"))
                .add("roles", Json.createArrayBuilder())
                .build();
    }

    /** Okta's create-user request (it sends a password and a locale too). */
    static JsonObject oktaUser(String userName, String externalId, String email, String given, String family) {
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(USER_SCHEMA))
                .add("userName", userName)
                .add("name", Json.createObjectBuilder().add("givenName", given).add("familyName", family))
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("primary", true).add("value", email).add("type", "work")))
                .add("displayName", given + " " + family)
                .add("locale", "en-US")
                .add("externalId", externalId)
                .add("groups", Json.createArrayBuilder())
                .add("password", "1mz050nq")
                .add("active", true)
                .build();
    }

    static JsonObject patch(JsonObject... operations) {
        var ops = Json.createArrayBuilder();
        for (JsonObject o : operations) {
            ops.add(o);
        }
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
                .add("Operations", ops).build();
    }

    static JsonObject op(String op, String path, Object value) {
        var b = Json.createObjectBuilder().add("op", op);
        if (path != null) {
            b.add("path", path);
        }
        if (value instanceof String s) {
            b.add("value", s);
        } else if (value instanceof Boolean v) {
            b.add("value", v);
        } else if (value instanceof jakarta.json.JsonValue v) {
            b.add("value", v);
        }
        return b.build();
    }

    static JsonObject adminView(String userId) {
        Reply r = Api.get("/api/v3/users/" + userId
                + "?field_mask=name,primary_email_address,primary_email_address_validated_at,state,admin", Credentials.adminToken());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /**
     * A user provisioned by SCIM (not yet linked to an SSO identity, so that it may have a session), with
     * an OAuth access token (a login token an admin asked for, exchanged) and an API key made with it.
     */
    record Provisioned(String id, String apiKey, String accessToken) {
    }

    static Provisioned provisionWithCredentials(String prefix) {
        String id = Api.uniqueId(prefix);
        JsonObject body = Json.createObjectBuilder(entraUser(id, "unused", id + "@contoso.example")).remove("externalId").build();
        Reply created = scim("POST", "/Users", body);
        assertEquals(201, created.status(), created.body());
        Reply login = Api.post("/api/v3/users/" + id + "/login-tokens?skip_email=true", null, Credentials.adminToken());
        assertEquals(200, login.status(), login.body());
        Reply pair = Api.form("/oauth/token", "grant_type=" + Api.enc("urn:keyward:grant-type:login-token")
                + "&token=" + Api.enc(login.json().getString("token")));
        assertEquals(200, pair.status(), pair.body());
        String access = pair.json().getString("access_token");
        return new Provisioned(id, Credentials.createApiKey(id, access, Right.RIGHT_ALL), access);
    }

    // ------------------------------------------------------------------ life cycle

    @Test
    void entraLifeCycleCreateUpdateDeactivateReactivateDelete() {
        Provisioned p = provisionWithCredentials("scim-entra");
        String id = p.id();
        String self = "/api/v3/users/" + id + "?field_mask=name";
        assertEquals(200, Api.get(self, p.apiKey()).status());
        assertEquals(200, Api.get(self, p.accessToken()).status());

        JsonObject user = scim("GET", "/Users/" + id, null).json();
        assertEquals(id, user.getString("id"));
        assertEquals(id, user.getString("userName"));
        assertFalse(user.containsKey("externalId"));
        assertTrue(user.getBoolean("active"));
        assertEquals("givenName familyName", user.getString("displayName"));
        assertEquals(id + "@contoso.example", user.getJsonArray("emails").getJsonObject(0).getString("value"));
        assertEquals("User", user.getJsonObject("meta").getString("resourceType"));
        assertTrue(user.getJsonObject("meta").getString("location").endsWith("/scim/v2/Users/" + id));
        JsonObject api = adminView(id);
        assertEquals("STATE_APPROVED", api.getString("state"));
        assertTrue(api.containsKey("primary_email_address_validated_at"), "the IdP vouches for the address: " + api);

        // Entra's update: capitalised ops, the work address by value filter, attributes Keyward does not keep.
        Reply updated = scim("PATCH", "/Users/" + id, patch(
                op("Replace", "displayName", "Ada Lovelace"),
                op("Replace", "emails[type eq \"work\"].value", "ada-" + id + "@contoso.example"),
                op("Add", "title", "Countess")));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("Ada Lovelace", updated.json().getString("displayName"));
        api = adminView(id);
        assertEquals("Ada Lovelace", api.getString("name"));
        assertEquals("ada-" + id + "@contoso.example", api.getString("primary_email_address"));
        assertTrue(api.containsKey("primary_email_address_validated_at"), api.toString());
        assertEquals(200, Api.get(self, p.apiKey()).status(), "an update leaves the credentials alone");

        // Deactivate, as Entra sends it (a string boolean): keys and tokens stop on the next request.
        Reply off = scim("PATCH", "/Users/" + id, patch(op("Replace", "active", "False")));
        assertEquals(200, off.status(), off.body());
        assertFalse(off.json().getBoolean("active"));
        assertEquals(401, Api.get(self, p.apiKey()).status(), "the API key is revoked");
        assertEquals(401, Api.get(self, p.accessToken()).status(), "the OAuth token is revoked");
        assertEquals("STATE_SUSPENDED", adminView(id).getString("state"));
        assertEquals(1, scim("GET", "/Users" + filter("userName eq \"" + id + "\" and active eq false"), null)
                .json().getInt("totalResults"));
        assertEquals(0, scim("GET", "/Users" + filter("userName eq \"" + id + "\" and active eq true"), null)
                .json().getInt("totalResults"));

        // Reactivate, as Okta sends it (replace without a path): approved again; revoked keys stay revoked.
        Reply on = scim("PATCH", "/Users/" + id, patch(op("replace", null,
                Json.createObjectBuilder().add("active", true).build())));
        assertEquals(200, on.status(), on.body());
        assertTrue(on.json().getBoolean("active"));
        assertEquals("STATE_APPROVED", adminView(id).getString("state"));
        assertEquals(401, Api.get(self, p.apiKey()).status());

        // The IdP sets the externalId: the SSO link. A token of that identity acts as the user.
        String subject = UUID.randomUUID().toString();
        String jwt = TestJwts.valid(subject, id, id + "@contoso.example", List.of());
        assertEquals(401, Api.get(self, jwt).status(), "not linked yet");
        Reply linked = scim("PATCH", "/Users/" + id, patch(op("Replace", "externalId", subject)));
        assertEquals(subject, linked.json().getString("externalId"), linked.body());
        assertEquals(200, Api.get(self, jwt).status(), "the linked SSO identity acts as the user");

        // Entra's filters: userName (any case), externalId, the work e-mail.
        for (String f : List.of("userName eq \"" + id.toUpperCase() + "\"", "externalId eq \"" + subject + "\"",
                "emails[type eq \"work\"].value eq \"ada-" + id + "@contoso.example\"",
                "userName eq \"" + id + "\" and active eq true")) {
            Reply found = scim("GET", "/Users" + filter(f), null);
            assertEquals(200, found.status(), found.body());
            assertEquals(1, found.json().getInt("totalResults"), f + ": " + found.body());
            assertEquals(id, found.json().getJsonArray("Resources").getJsonObject(0).getString("id"));
        }

        // Delete: Keyward's delete.
        Reply deleted = scim("DELETE", "/Users/" + id, null);
        assertEquals(204, deleted.status(), deleted.body());
        assertScimError(scim("GET", "/Users/" + id, null), 404, null);
        assertEquals(404, Api.get("/api/v3/users/" + id + "?field_mask=name", Credentials.adminToken()).status());
        assertEquals(401, Api.get(self, jwt).status(), "a deleted user has no working credential");
        assertScimError(scim("POST", "/Users", entraUser(id, UUID.randomUUID().toString(), "x-" + id + "@contoso.example")),
                409, "uniqueness");
    }

    @Test
    void oktaCreateReplaceAndFind() {
        assertScimError(scim("POST", "/Users", oktaUser("test.user@okta.local", "00ujl29u0le5T6Aj10h7",
                "test.user@okta.local", "Test", "User")), 400, "invalidValue");

        String id = Api.uniqueId("scim-okta");
        String externalId = "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        Reply created = scim("POST", "/Users", oktaUser(id, externalId, id + "@okta.example", "Test", "User"));
        assertEquals(201, created.status(), created.body());
        assertEquals("Test User", created.json().getString("displayName"));
        assertEquals("application/scim+json", created.contentType().split(";")[0]);
        assertEquals(400, Credentials.loginReply(id, "1mz050nq").status(), "Okta's password is not taken over");

        // Okta's look-up before it creates or links: filter with paging parameters.
        Reply found = scim("GET", "/Users" + filter("userName eq \"" + id + "\"") + "&startIndex=1&count=100", null);
        assertEquals(1, found.json().getInt("totalResults"), found.body());
        assertEquals(1, found.json().getInt("startIndex"));
        assertEquals(1, found.json().getInt("itemsPerPage"));
        Reply none = scim("GET", "/Users" + filter("userName eq \"nobody-" + id + "\"") + "&startIndex=1&count=100", null);
        assertEquals(0, none.json().getInt("totalResults"), none.body());
        assertEquals(0, none.json().getJsonArray("Resources").size());

        // Okta updates a profile with PUT of the whole user.
        JsonObject changed = Json.createObjectBuilder(oktaUser(id, externalId, id + "@okta.example", "Grace", "Hopper"))
                .add("id", id).build();
        Reply put = scim("PUT", "/Users/" + id, changed);
        assertEquals(200, put.status(), put.body());
        assertEquals("Grace Hopper", adminView(id).getString("name"));

        // Okta deactivates with a path-less replace.
        Reply off = scim("PATCH", "/Users/" + id, patch(op("replace", null,
                Json.createObjectBuilder().add("active", false).build())));
        assertFalse(off.json().getBoolean("active"), off.body());
        assertEquals("STATE_SUSPENDED", adminView(id).getString("state"));

        assertScimError(scim("POST", "/Users", oktaUser(id, "other-" + externalId, "y-" + id + "@okta.example", "A", "B")),
                409, "uniqueness");
        assertScimError(scim("POST", "/Users", oktaUser(Api.uniqueId("scim-okta"), externalId, "z-" + id + "@okta.example", "A", "B")),
                409, "uniqueness");
    }

    @Test
    void listsArePagedWithStartIndexAndCount() {
        for (int i = 0; i < 3; i++) {
            String id = Api.uniqueId("scim-page");
            assertEquals(201, scim("POST", "/Users", entraUser(id, UUID.randomUUID().toString(), id + "@page.example")).status());
        }
        JsonObject first = scim("GET", "/Users?startIndex=1&count=2", null).json();
        long total = first.getJsonNumber("totalResults").longValue();
        assertTrue(total >= 4, "the admin and three users: " + total);
        assertEquals(2, first.getInt("itemsPerPage"));
        assertEquals(2, first.getJsonArray("Resources").size());
        JsonObject second = scim("GET", "/Users?startIndex=2&count=2", null).json();
        assertEquals(2, second.getInt("startIndex"));
        assertEquals(total, second.getJsonNumber("totalResults").longValue());
        assertEquals(first.getJsonArray("Resources").getJsonObject(1).getString("id"),
                second.getJsonArray("Resources").getJsonObject(0).getString("id"), "startIndex is 1-based, item-exact");
        JsonObject counted = scim("GET", "/Users?count=0", null).json();
        assertEquals(total, counted.getJsonNumber("totalResults").longValue());
        assertEquals(0, counted.getJsonArray("Resources").size());
        JsonObject beyond = scim("GET", "/Users?startIndex=" + (total + 10), null).json();
        assertEquals(0, beyond.getJsonArray("Resources").size());
    }

    // ------------------------------------------------------------------ versions and concurrent writes

    static Reply scimIfMatch(String method, String path, Object body, String ifMatch) {
        return Api.sendWithHeader(method, "/scim/v2" + path, body, "Bearer " + TOKEN, "If-Match", ifMatch);
    }

    static String version(Reply r) {
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonObject("meta").getString("version");
    }

    @Test
    void writesWithAStaleIfMatchAreRefusedWith412AndChangeNothing() {
        String id = Api.uniqueId("scim-etag");
        Reply created = scim("POST", "/Users", entraUser(id, "e-" + id, id + "@etag.example"));
        assertEquals(201, created.status(), created.body());
        String v1 = version(scim("GET", "/Users/" + id, null));

        Reply patched = scimIfMatch("PATCH", "/Users/" + id, patch(op("Replace", "displayName", "First")), v1);
        String v2 = version(patched);
        assertNotEquals(v1, v2, "a change makes a new version");

        // v1 is stale now: PUT, PATCH and DELETE with it are refused and leave the user as it is.
        JsonObject replacement = Json.createObjectBuilder(entraUser(id, "e-" + id, id + "@etag.example"))
                .add("displayName", "Stale").build();
        assertScimError(scimIfMatch("PUT", "/Users/" + id, replacement, v1), 412, null);
        assertScimError(scimIfMatch("PATCH", "/Users/" + id, patch(op("Replace", "active", "False")), v1), 412, null);
        assertScimError(scimIfMatch("DELETE", "/Users/" + id, null, v1), 412, null);
        JsonObject now = scim("GET", "/Users/" + id, null).json();
        assertEquals("First", now.getString("displayName"));
        assertTrue(now.getBoolean("active"));
        assertEquals(v2, now.getJsonObject("meta").getString("version"));

        // The current version (also among others, or without W/), "*" and no If-Match at all proceed.
        String v3 = version(scimIfMatch("PUT", "/Users/" + id, replacement, v1 + ", " + v2));
        assertEquals("Stale", adminView(id).getString("name"));
        String v4 = version(scimIfMatch("PATCH", "/Users/" + id, patch(op("Replace", "displayName", "Second")), v3.substring(2)));
        version(scimIfMatch("PATCH", "/Users/" + id, patch(op("Replace", "displayName", "Third")), "*"));
        assertNotEquals(v3, v4);
        version(scim("PATCH", "/Users/" + id, patch(op("Replace", "displayName", "Fourth"))));
        assertScimError(scimIfMatch("DELETE", "/Users/" + id, null, v4), 412, null);
        assertEquals(204, scimIfMatch("DELETE", "/Users/" + id, null, version(scim("GET", "/Users/" + id, null))).status());
        assertScimError(scim("GET", "/Users/" + id, null), 404, null);
    }

    /**
     * A PATCH applies its operations to the user as it is in the write's own transaction. Were the user read
     * in one transaction and written in another, the PATCH of the name would write back the address it had
     * read, undoing a concurrent PATCH of the address (and the other way round).
     */
    @Test
    void concurrentPatchesOfDifferentAttributesAreBothKept() throws Exception {
        String id = Api.uniqueId("scim-race");
        assertEquals(201, scim("POST", "/Users", entraUser(id, "r-" + id, id + "@race.example")).status());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String name = "Name " + round;
                String email = "r" + round + "-" + id + "@race.example";
                var a = pool.submit(() -> scim("PATCH", "/Users/" + id, patch(op("Replace", "displayName", name))));
                var b = pool.submit(() -> scim("PATCH", "/Users/" + id,
                        patch(op("Replace", "emails[type eq \"work\"].value", email))));
                assertEquals(200, a.get().status(), a.get().body());
                assertEquals(200, b.get().status(), b.get().body());
                JsonObject api = adminView(id);
                assertEquals(name, api.getString("name"), "round " + round);
                assertEquals(email, api.getString("primary_email_address"), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ credentials

    @Test
    void theProvisioningTokenWorksOnlyAtScimAndScimAcceptsNothingElse() {
        assertScimError(Api.send("GET", "/scim/v2/Users", null, null), 401, null);
        assertScimError(Api.send("GET", "/scim/v2/Users", null, TOKEN + "x"), 401, null);
        assertScimError(Api.send("GET", "/scim/v2/ServiceProviderConfig", null, Credentials.adminToken()), 401, null);
        String id = Api.uniqueId("scim-plain");
        Users.register(id);
        String key = Credentials.createApiKey(id, Credentials.login(id, Users.PASSWORD), Right.RIGHT_ALL);
        assertScimError(Api.send("GET", "/scim/v2/Users/" + id, null, key), 401, null);

        Reply asUser = Api.get("/api/v3/users/" + id + "?field_mask=name", TOKEN);
        assertNotEquals(200, asUser.status(), asUser.body());
        assertTrue(asUser.status() == 400 || asUser.status() == 401, asUser.body());
        assertEquals(403, Api.get("/api/v3/users", TOKEN).status(), "the token is no admin at /api/v3");
        assertNotEquals(200, Api.get("/api/v3/auth_info", TOKEN).status());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void errorsAreScimErrors() {
        assertScimError(scim("GET", "/Users/" + Api.uniqueId("nobody"), null), 404, null);
        assertScimError(scim("GET", "/Users/Not%20An%20Id", null), 404, null);
        assertScimError(scim("GET", "/Users" + filter("userName co \"a\""), null), 400, "invalidFilter");
        assertScimError(scim("GET", "/Users" + filter("title eq \"x\""), null), 400, "invalidFilter");
        assertScimError(scim("GET", "/Users" + filter("userName eq \"a\" or userName eq \"b\""), null), 400, "invalidFilter");
        assertScimError(scim("GET", "/Users?startIndex=first", null), 400, "invalidValue");
        assertScimError(scim("POST", "/Users", "{not json"), 400, "invalidSyntax");
        String id = Api.uniqueId("scim-err");
        JsonObject noMail = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(USER_SCHEMA))
                .add("userName", id).build();
        assertScimError(scim("POST", "/Users", noMail), 400, "invalidValue");
        assertScimError(scim("POST", "/Users", entraUser(id, "s-" + id, "not an address")), 400, "invalidValue");
        assertScimError(scim("POST", "/Users", entraUser("-" + id, "s-" + id, id + "@x.example")), 400, "invalidValue");
        assertScimError(scim("POST", "/Users", entraUser("root", "s-" + id, id + "@x.example")), 400, "invalidValue");

        assertEquals(201, scim("POST", "/Users", entraUser(id, "s-" + id, id + "@x.example")).status());
        assertScimError(scim("PATCH", "/Users/" + id, patch(op("Replace", "userName", "renamed-" + id))), 400, "mutability");
        assertScimError(scim("PATCH", "/Users/" + id, patch(op("frobnicate", "active", false))), 400, "invalidSyntax");
        assertScimError(scim("PATCH", "/Users/" + id, Json.createObjectBuilder().build()), 400, "invalidSyntax");
        assertScimError(scim("PATCH", "/Users/" + id, patch(op("remove", "emails", null))), 400, "mutability");
        assertScimError(scim("DELETE", "/Users", null), 405, null);
        assertScimError(scim("GET", "/Nothing", null), 404, null);
        assertEquals(200, scim("GET", "/Users/" + id, null).status(), "nothing changed by refused requests");
    }

    // ------------------------------------------------------------------ the admin group

    @Test
    void theAdminGroupSetsTheAdminFlag() {
        Reply groups = scim("GET", "/Groups" + filter("displayName eq \"keyward-admins\"") + "&excludedAttributes=members", null);
        assertEquals(200, groups.status(), groups.body());
        assertEquals(1, groups.json().getInt("totalResults"));
        JsonObject group = groups.json().getJsonArray("Resources").getJsonObject(0);
        assertFalse(group.containsKey("members"), "excludedAttributes=members");
        String gid = group.getString("id");
        assertEquals(0, scim("GET", "/Groups" + filter("displayName eq \"Sales\""), null).json().getInt("totalResults"));

        String id = Api.uniqueId("scim-admin");
        assertEquals(201, scim("POST", "/Users", entraUser(id, "s-" + id, id + "@x.example")).status());
        assertFalse(adminView(id).getBoolean("admin", false));

        // Entra adds a member.
        Reply added = scim("PATCH", "/Groups/" + gid, patch(op("Add", "members",
                Json.createArrayBuilder().add(Json.createObjectBuilder().addNull("$ref").add("value", id)).build())));
        assertEquals(200, added.status(), added.body());
        assertTrue(adminView(id).getBoolean("admin", false), "membership makes an admin");
        JsonObject asUser = scim("GET", "/Users/" + id, null).json();
        assertEquals(gid, asUser.getJsonArray("groups").getJsonObject(0).getString("value"));
        assertTrue(scim("GET", "/Groups/" + gid, null).body().contains("\"" + id + "\""));

        // Okta removes one by a value-filtered path.
        Reply removed = scim("PATCH", "/Groups/" + gid, patch(op("remove", "members[value eq \"" + id + "\"]", null)));
        assertEquals(200, removed.status(), removed.body());
        assertFalse(adminView(id).getBoolean("admin", false));
        assertEquals(200, Api.get("/api/v3/users/admin?field_mask=name", Credentials.adminToken()).status(),
                "the other admins stay");

        assertScimError(scim("PATCH", "/Groups/" + gid, patch(op("replace", "displayName", "Sales"))), 400, "mutability");
        assertScimError(scim("DELETE", "/Groups/" + gid, null), 400, "mutability");
        assertScimError(scim("GET", "/Groups/other", null), 404, null);
        assertScimError(scim("POST", "/Groups", Json.createObjectBuilder().add("displayName", "Sales").build()), 400, "invalidValue");
    }

    @Test
    void discoveryDescribesWhatIsSupported() {
        JsonObject config = scim("GET", "/ServiceProviderConfig", null).json();
        assertTrue(config.getJsonObject("patch").getBoolean("supported"));
        assertTrue(config.getJsonObject("filter").getBoolean("supported"));
        assertFalse(config.getJsonObject("bulk").getBoolean("supported"));
        assertEquals("oauthbearertoken", config.getJsonArray("authenticationSchemes").getJsonObject(0).getString("type"));
        JsonObject types = scim("GET", "/ResourceTypes", null).json();
        assertEquals(2, types.getInt("totalResults"));
        assertEquals("/Users", scim("GET", "/ResourceTypes/User", null).json().getString("endpoint"));
        JsonObject schema = scim("GET", "/Schemas/" + USER_SCHEMA, null).json();
        assertTrue(schema.toString().contains("\"userName\""), schema.toString());
    }

    // ------------------------------------------------------------------ two nodes (PostgreSQL pass)

    /** Deactivated through node A, the user's API key is refused by node B at its next requests. */
    @Test
    @EnabledIfSystemProperty(named = "keyward.node2.url", matches = ".+")
    void deactivationOnOneNodeRevokesTheKeyOnTheOther() {
        String b = System.getProperty("keyward.node2.url");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Provisioned p = provisionWithCredentials("scim-cluster");
            String path = "/api/v3/users/" + p.id() + "?field_mask=name";
            assertEquals(200, ClusterIT.call(b, "GET", path, null, p.apiKey()).status(), "B knows the key");
            assertEquals(200, ClusterIT.call(b, "GET", path, null, p.accessToken()).status(), "B knows the token");
            assertEquals(200, scim("PATCH", "/Users/" + p.id(), patch(op("Replace", "active", false))).status());
            delays.add(ClusterIT.untilOnB(path, p.apiKey(), a -> a.status() == 401));
            assertEquals(401, ClusterIT.call(b, "GET", path, null, p.accessToken()).status());
        }
        ClusterIT.assertWithinBound("SCIM deactivation", delays);
    }
}
