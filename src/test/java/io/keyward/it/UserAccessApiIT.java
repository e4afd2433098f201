package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Black-box: UserAccess (API.md §6, TESTS.md §2, JSON.md §11.5/11.6) over HTTP. */
@ExtendWith(ArquillianExtension.class)
class UserAccessApiIT {
    private static final String PASSWORD = "Secret-Passw0rd!";

    @Deployment(testable = false)
    static WebArchive seed() {
        return Credentials.seedDeployment();
    }

    @ArquillianResource
    URL seedUrl;

    private String usr;
    private String token;
    private String keyA;
    private String keyL;

    @BeforeEach
    void setUp() {
        Credentials.useSeed(seedUrl);
        usr = Api.uniqueId("usr");
        Credentials.createUser(usr, PASSWORD);
        token = Credentials.login(usr, PASSWORD);
        keyA = Credentials.createApiKey(usr, token, Right.RIGHT_USER_INFO, Right.RIGHT_USER_APPLICATIONS_LIST);
        keyL = Credentials.createApiKey(usr, token, Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC,
                Right.RIGHT_USER_SETTINGS_API_KEYS);
    }

    private String keys() {
        return "/api/v3/users/" + usr + "/api-keys";
    }

    private static String id(String key) {
        return key.split("\\.")[1];
    }

    private static List<String> rights(JsonObject o) {
        return o.containsKey("rights") ? o.getJsonArray("rights").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList() : List.of();
    }

    private static JsonObject body(String json) {
        return Json.createReader(new java.io.StringReader(json)).readObject();
    }

    @Test
    void createAnswersTheSecretOnceAndNeverAgain() {
        Reply r = Api.post(keys(), body("{\"name\": \"ci\", \"rights\": [\"RIGHT_USER_INFO\", \"USER_APPLICATIONS_LIST\"],"
                + " \"expires_at\": \"2099-01-01T00:00:00Z\"}"), token);
        assertEquals(200, r.status(), r.body());
        JsonObject k = r.json();
        assertTrue(k.getString("key").matches("NNSXS\\.[A-Z2-7]{39}\\.[A-Z2-7]{52}"), k.toString());
        assertEquals(id(k.getString("key")), k.getString("id"));
        assertEquals("ci", k.getString("name"));
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_APPLICATIONS_LIST"), rights(k));
        assertEquals("2099-01-01T00:00:00Z", k.getString("expires_at"));
        assertEquals(k.getString("created_at"), k.getString("updated_at"));

        Reply list = Api.get(keys(), token);
        assertEquals(200, list.status());
        assertEquals(3, list.total());
        assertFalse(list.body().contains("\"key\""), list.body());
        Reply get = Api.get(keys() + "/" + k.getString("id"), token);
        assertEquals(200, get.status());
        assertFalse(get.json().containsKey("key"));
        assertEquals("ci", get.json().getString("name"));

        // The new key works, with its rights.
        Reply rightsByKey = Api.get("/api/v3/users/" + usr + "/rights", k.getString("key"));
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_APPLICATIONS_LIST"), rights(rightsByKey.json()));
    }

    @Test
    void tts37to42RightsOfTheLimitedKey() {
        Reply r = Api.get(keys() + "/does-not-exist", keyL);
        assertEquals(404, r.status(), r.body());
        assertEquals("pkg/identityserver/store", r.errorNamespace());
        assertEquals("api_key_not_found", r.errorName());
        JsonObject attrs = r.json().getJsonArray("details").getJsonObject(0).getJsonObject("attributes");
        assertEquals("does-not-exist", attrs.getString("api_key_id"));
        assertEquals("user", attrs.getString("entity_type"));
        assertEquals(usr, attrs.getString("entity_id"));

        r = Api.put(keys() + "/does-not-exist", body("{\"api_key\": {\"name\": \"x\"}, \"field_mask\": {\"paths\": [\"name\"]}}"), keyL);
        assertEquals(404, r.status(), r.body());

        r = Api.post(keys(), body("{\"rights\": [\"RIGHT_USER_ALL\"]}"), keyL);
        assertEquals(403, r.status(), r.body());
        assertEquals("insufficient_user_rights", r.errorName());
        JsonObject a = r.json().getJsonArray("details").getJsonObject(0).getJsonObject("attributes");
        assertEquals(List.of("RIGHT_USER_ALL"), a.getJsonArray("missing").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(usr, a.getString("uid"));

        String pathA = keys() + "/" + id(keyA);
        r = Api.put(pathA, body("{\"api_key\": {\"rights\": [\"RIGHT_USER_INFO\", \"RIGHT_USER_APPLICATIONS_LIST\", \"RIGHT_USER_DELETE\"]},"
                + " \"field_mask\": {\"paths\": [\"rights\"]}}"), keyL);
        assertEquals(403, r.status(), "adds a right the caller lacks");
        r = Api.put(pathA, body("{\"api_key\": {\"rights\": [\"RIGHT_USER_INFO\"]}, \"field_mask\": {\"paths\": [\"rights\"]}}"), keyL);
        assertEquals(403, r.status(), "removes a right the caller lacks");
        r = Api.put(pathA, body("{\"api_key\": {\"rights\": [\"RIGHT_USER_SETTINGS_BASIC\", \"RIGHT_USER_APPLICATIONS_LIST\"]},"
                + " \"field_mask\": {\"paths\": [\"rights\"]}}"), keyL);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("RIGHT_USER_SETTINGS_BASIC", "RIGHT_USER_APPLICATIONS_LIST"), rights(r.json()));
        assertFalse(r.json().containsKey("key"));
    }

    @Test
    void tts43DeniedWithoutTheApiKeysRight() {
        String pathA = keys() + "/" + id(keyA);
        for (String cred : new String[] {null, keyA}) {
            String expected = cred == null ? "no_user_rights" : "insufficient_user_rights";
            List<Reply> replies = List.of(
                    Api.post(keys(), body("{\"rights\": [\"RIGHT_USER_INFO\"]}"), cred),
                    Api.get(keys(), cred),
                    Api.get(pathA, cred),
                    Api.put(pathA, body("{\"api_key\": {\"name\": \"x\"}, \"field_mask\": \"name\"}"), cred),
                    Api.delete(pathA, cred));
            for (Reply r : replies) {
                assertEquals(403, r.status(), r.body());
                assertEquals(expected, r.errorName());
                assertFalse(r.body().contains(id(keyL)), "no data in a denial");
                assertTrue(r.totalCount().isEmpty());
            }
        }
        // Key A was not touched.
        assertEquals(200, Api.get(pathA, keyL).status());
    }

    @Test
    void tts44to49Lifecycle() {
        Reply created = Api.post(keys(), body("{\"name\": \"api-key-name\", \"rights\": [\"RIGHT_USER_INFO\"]}"), keyL);
        assertEquals(200, created.status(), created.body());
        assertEquals("api-key-name", created.json().getString("name"));
        assertEquals(List.of("RIGHT_USER_INFO"), rights(created.json()));
        String newId = created.json().getString("id");
        String newKey = created.json().getString("key");

        Reply list = Api.get(keys(), keyL);
        assertEquals(3, list.total());
        assertEquals(3, list.json().getJsonArray("api_keys").size());
        assertTrue(list.body().contains("api-key-name"));

        assertEquals("api-key-name", Api.get(keys() + "/" + newId, keyL).json().getString("name"));

        Reply renamed = Api.put(keys() + "/" + newId, body("{\"api_key\": {\"name\": \"api-key-name-updated\"}, \"field_mask\": {\"paths\": [\"name\"]}}"), keyL);
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("api-key-name-updated", renamed.json().getString("name"));
        assertEquals(List.of("RIGHT_USER_INFO"), rights(renamed.json()), "rights untouched by a name update");

        // No mask and no rights: the key is deleted.
        Reply quirk = Api.put(keys() + "/" + newId, body("{}"), keyL);
        assertEquals(200, quirk.status(), quirk.body());
        assertEquals("{}", quirk.body().replace(" ", ""));
        assertEquals(404, Api.get(keys() + "/" + newId, keyL).status());
        Reply byDeleted = Api.get("/api/v3/auth_info", newKey);
        assertEquals(401, byDeleted.status());
        assertEquals("api_key_not_found", byDeleted.errorName());

        String again = Api.post(keys(), body("{\"rights\": [\"RIGHT_USER_INFO\"]}"), keyL).json().getString("id");
        Reply deleted = Api.delete(keys() + "/" + again, keyL);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("{}", deleted.body().replace(" ", ""));
        assertEquals(404, Api.get(keys() + "/" + again, keyL).status());
        assertEquals(404, Api.delete(keys() + "/" + again, keyL).status());
    }

    @Test
    void adminsCannotManageOtherUsersKeysByDefault() {
        Reply r = Api.post(keys(), body("{\"rights\": [\"RIGHT_USER_INFO\"]}"), Credentials.adminToken());
        assertEquals(403, r.status(), r.body());
        assertEquals("insufficient_user_rights", r.errorName());
        assertEquals(403, Api.get(keys(), Credentials.adminToken()).status());
    }

    @Test
    void listOrdersAndPages() {
        String k3 = Credentials.createApiKey(usr, token, Right.RIGHT_USER_INFO);
        Api.put(keys() + "/" + id(keyA), body("{\"api_key\": {\"name\": \"a\"}, \"field_mask\": \"name\"}"), token);
        Api.put(keys() + "/" + id(keyL), body("{\"api_key\": {\"name\": \"b\"}, \"field_mask\": \"name\"}"), token);
        Api.put(keys() + "/" + id(k3), body("{\"api_key\": {\"name\": \"c\"}, \"field_mask\": \"name\"}"), token);

        Reply byName = Api.get(keys() + "?order=-name", token);
        assertEquals(200, byName.status(), byName.body());
        List<String> names = byName.json().getJsonArray("api_keys").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("name")).toList();
        assertEquals(List.of("c", "b", "a"), names);

        List<String> ids = Api.get(keys(), token).json().getJsonArray("api_keys").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("id")).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "default order: ID ascending");

        Reply page1 = Api.get(keys() + "?limit=2&page=1", token);
        Reply page2 = Api.get(keys() + "?limit=2&page=2", token);
        Reply page3 = Api.get(keys() + "?limit=2&page=3", token);
        assertEquals(3, page1.total());
        assertEquals(2, page1.json().getJsonArray("api_keys").size());
        assertEquals(1, page2.json().getJsonArray("api_keys").size());
        assertEquals("{}", page3.body().replace(" ", ""));
        assertEquals(3, page3.total());

        Reply badOrder = Api.get(keys() + "?order=secret", token);
        assertEquals(400, badOrder.status());
        assertEquals("validation", badOrder.errorName());
        assertEquals(400, Api.get(keys() + "?limit=1001", token).status());
    }

    @Test
    void validationAndFieldMasks() {
        assertEquals("validation", Api.post(keys(), body("{\"rights\": []}"), token).errorName());
        assertEquals("validation", Api.post(keys(), body("{\"rights\": [\"RIGHT_USER_INFO\", \"RIGHT_USER_INFO\"]}"), token).errorName());
        assertEquals("validation", Api.post(keys(), body("{\"name\": \"" + "n".repeat(51) + "\", \"rights\": [\"RIGHT_USER_INFO\"]}"), token).errorName());
        assertEquals("validation", Api.post(keys(), body("{\"rights\": [\"RIGHT_USER_INFO\"], \"expires_at\": \"2001-01-01T00:00:00Z\"}"), token).errorName());
        Reply badType = Api.post(keys(), body("{\"rights\": \"RIGHT_USER_INFO\"}"), token);
        assertEquals(400, badType.status());
        Reply unknownRight = Api.post(keys(), body("{\"rights\": [\"RIGHT_NOPE\"]}"), token);
        assertEquals(400, unknownRight.status());
        Reply badUser = Api.get("/api/v3/users/Bad_User/api-keys", token);
        assertEquals(400, badUser.status());
        assertEquals("validation", badUser.errorName());

        Reply forbidden = Api.put(keys() + "/" + id(keyA), body("{\"api_key\": {\"name\": \"x\"}, \"field_mask\": {\"paths\": [\"owner\"]}}"), token);
        assertEquals(400, forbidden.status());
        assertEquals("field_mask_paths", forbidden.errorName());

        // expires_at: set, then removed with a null in the mask.
        Reply set = Api.put(keys() + "/" + id(keyA), body("{\"api_key\": {\"expires_at\": \"2098-05-06T07:08:09.123Z\"}, \"field_mask\": \"expires_at\"}"), token);
        assertEquals("2098-05-06T07:08:09.123Z", set.json().getString("expires_at"));
        Reply cleared = Api.put(keys() + "/" + id(keyA), body("{\"api_key\": {\"expires_at\": null}, \"field_mask\": \"expires_at\"}"), token);
        assertFalse(cleared.json().containsKey("expires_at"), cleared.body());
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_APPLICATIONS_LIST"), rights(cleared.json()));
    }

    @Test
    void keysOfOtherUsersAreNotFoundUnderThisUser() {
        String other = Api.uniqueId("other");
        Credentials.createUser(other, PASSWORD);
        String otherToken = Credentials.login(other, PASSWORD);
        String otherKey = Credentials.createApiKey(other, otherToken, Right.RIGHT_USER_INFO);
        assertEquals(404, Api.get(keys() + "/" + id(otherKey), token).status());
        Reply cross = Api.get("/api/v3/users/" + other + "/api-keys", token);
        assertEquals(403, cross.status());
        assertEquals("no_user_rights", cross.errorName());
        assertEquals(other, cross.json().getJsonArray("details").getJsonObject(0).getJsonObject("attributes").getString("uid"));
    }

    @Test
    void listRights() {
        String path = "/api/v3/users/" + usr + "/rights";
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_APPLICATIONS_LIST"), rights(Api.get(path, keyA).json()));
        List<String> all = rights(Api.get(path, token).json());
        assertTrue(all.contains("RIGHT_USER_ALL"));
        assertTrue(all.contains("RIGHT_APPLICATION_ALL"));
        assertTrue(all.contains("RIGHT_GATEWAY_INFO"));
        assertFalse(all.contains("RIGHT_ALL"), "never RIGHT_ALL");
        assertFalse(all.contains("RIGHT_SEND_INVITES"), "never RIGHT_SEND_INVITES");

        Reply anonymous = Api.get(path, null);
        assertEquals(200, anonymous.status());
        assertEquals("{}", anonymous.body().replace(" ", ""));
        assertEquals("{}", Api.get("/api/v3/users/" + Api.ADMIN_ID + "/rights", token).body().replace(" ", ""));
        assertEquals("{}", Api.get("/api/v3/users/" + Api.uniqueId("nobody") + "/rights", token).body().replace(" ", ""));

        List<String> admin = rights(Api.get(path, Credentials.adminToken()).json());
        assertTrue(admin.contains("RIGHT_USER_INFO"));
        assertFalse(admin.contains("RIGHT_USER_SETTINGS_API_KEYS"));
        assertFalse(admin.contains("RIGHT_USER_ALL"));
        Reply unknownForAdmin = Api.get("/api/v3/users/" + Api.uniqueId("nobody") + "/rights", Credentials.adminToken());
        assertEquals(404, unknownForAdmin.status());
        assertEquals("user_not_found", unknownForAdmin.errorName());

        Reply invalid = Api.get("/api/v3/users/A/rights", null);
        assertEquals(400, invalid.status());
        assertEquals("identifiers", invalid.errorName());
        Reply badCredential = Api.get(path, "NNSXS.AAAA.BBBB");
        assertEquals(401, badCredential.status());
    }

    @Test
    void keyChangesTakeEffectOnTheNextRequest() {
        String rightsPath = "/api/v3/users/" + usr + "/rights";
        assertEquals(List.of("RIGHT_USER_INFO", "RIGHT_USER_APPLICATIONS_LIST"), rights(Api.get(rightsPath, keyA).json()));
        Reply changed = Api.put(keys() + "/" + id(keyA), body("{\"api_key\": {\"rights\": [\"RIGHT_USER_INFO\"]}, \"field_mask\": \"rights\"}"), token);
        assertEquals(200, changed.status(), changed.body());
        assertEquals(List.of("RIGHT_USER_INFO"), rights(Api.get(rightsPath, keyA).json()));

        Reply expired = Api.put(keys() + "/" + id(keyL), body("{\"api_key\": {\"expires_at\": \"2099-01-01T00:00:00Z\"}, \"field_mask\": \"expires_at\"}"), keyL);
        assertEquals(200, expired.status(), expired.body());
        assertEquals(200, Api.delete(keys() + "/" + id(keyA), keyL).status());
        Reply gone = Api.get(rightsPath, keyA);
        assertEquals(401, gone.status());
        assertEquals("api_key_not_found", gone.errorName());
    }
}
