package io.keyward.it;

import static io.keyward.it.Users.PASSWORD;
import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.assertPlain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SearchUsers over HTTP (API.md §5, TESTS.md §5): every filter, their combinations, both orders,
 * paging edges, deleted users, field masks, and the denials. Each run searches its own users, found by
 * a random tag in their IDs, names and descriptions, so other data in the database does not matter.
 */
class UserSearchApiIT {
    private static final String TAG = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static String admin;
    /** The active users of this run, in user_id order. */
    private static List<String> active;
    private static String deleted;
    private static String flagged;

    private static String id(String suffix) {
        return "srch-" + TAG + "-" + suffix;
    }

    private static void create(String suffix, String name, String description, Map<String, String> attributes) {
        JsonObjectBuilder attrs = Json.createObjectBuilder();
        attributes.forEach(attrs::add);
        JsonObject body = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id(suffix)))
                .add("name", name).add("description", description).add("attributes", attrs)
                .add("primary_email_address", id(suffix) + "@example.com").add("password", PASSWORD)
                .add("state", "STATE_APPROVED")).build();
        Reply r = Api.post("/api/v3/users", body, admin);
        assertEquals(200, r.status(), r.body());
    }

    @BeforeAll
    static void population() {
        admin = Credentials.adminToken();
        create("a", "Alpha " + TAG, "some test description " + TAG, Map.of("team", "rf-" + TAG, "region", "eu"));
        create("b", "beta " + TAG, "back\\slash " + TAG, Map.of("team", "ops-" + TAG));
        create("c", "Gamma 100% " + TAG, "under_score " + TAG, Map.of());
        create("d", "Delta " + TAG, "some test description " + TAG, Map.of());
        create("e", "Epsilon " + TAG, "flagged one " + TAG, Map.of());
        create("f", "Zeta " + TAG, "to be deleted " + TAG, Map.of());
        flagged = id("e");
        deleted = id("f");
        Reply f = Api.put("/api/v3/users/" + flagged, Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder().add("state", "STATE_FLAGGED")).add("field_mask", "state").build(), admin);
        assertEquals(200, f.status(), f.body());
        assertEquals(200, Api.delete("/api/v3/users/" + deleted, admin).status());
        active = List.of(id("a"), id("b"), id("c"), id("d"), id("e"));
    }

    private static Reply search(String query) {
        Reply r = Api.get("/api/v3/search/users?" + query, admin);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static List<JsonObject> users(Reply r) {
        return r.json().containsKey("users")
                ? r.json().getJsonArray("users").stream().map(JsonValue::asJsonObject).toList() : List.of();
    }

    private static List<String> ids(String query) {
        Reply r = search(query);
        List<String> ids = users(r).stream().map(u -> u.getJsonObject("ids").getString("user_id")).toList();
        assertEquals(ids.size(), r.total(), "X-Total-Count of " + query + " (all on one page)");
        return ids;
    }

    private static List<String> reversed(List<String> list) {
        List<String> out = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String q(String value) {
        return Api.enc(value);
    }

    @Test
    void eachFilter() {
        assertEquals(active, ids("query=" + TAG));
        assertEquals(List.of(id("a")), ids("id_contains=" + q(id("a"))));
        assertEquals(active, ids("id_contains=" + TAG.toUpperCase()), "case-insensitive");
        assertEquals(List.of(id("b")), ids("name_contains=" + q("BETA " + TAG)));
        assertEquals(List.of(id("c")), ids("name_contains=" + q("gamma 100% " + TAG)));
        assertEquals(List.of(id("a"), id("d")), ids("description_contains=" + q("test description " + TAG)));
        assertEquals(List.of(id("a")), ids("attributes_contain%5Bteam%5D=" + q("rf-" + TAG)));
        assertEquals(List.of(id("a"), id("b")), ids("attributes_contain%5Bteam%5D=" + TAG));
        assertEquals(List.of(), ids("attributes_contain%5Bregion%5D=" + TAG), "the value must match under that key");
        assertEquals(List.of(flagged), ids("id_contains=" + TAG + "&state=STATE_FLAGGED"));
        assertEquals(active, ids("id_contains=" + TAG + "&state=STATE_FLAGGED&state=1"));
        // The query matches IDs, names and descriptions, not e-mail addresses.
        assertEquals(List.of(id("c")), ids("query=" + q("under_score " + TAG)));
        assertEquals(List.of(), ids("query=" + q(id("a") + "@example.com")));
    }

    @Test
    void wildcardsAndBackslashesMatchLiterally() {
        assertEquals(List.of(id("c")), ids("query=" + TAG + "&name_contains=" + q("%")));
        assertEquals(List.of(id("c")), ids("query=" + TAG + "&description_contains=" + q("_")));
        assertEquals(List.of(id("b")), ids("query=" + TAG + "&description_contains=" + q("\\")));
        assertEquals(List.of(), ids("query=" + TAG + "&name_contains=" + q("a%a")));
        assertEquals(List.of(), ids("query=" + TAG + "&name_contains=" + q("Alph_")));
    }

    @Test
    void combinations() {
        // TESTS.md 64: description "some test description" matches "test description".
        assertEquals(List.of(id("a"), id("d")), ids("id_contains=" + TAG + "&description_contains=" + q("test description")));
        assertEquals(List.of(id("a")), ids("query=" + TAG + "&description_contains=" + q("test description")
                + "&attributes_contain%5Bteam%5D=rf"));
        assertEquals(List.of(), ids("query=" + TAG + "&name_contains=beta&description_contains=" + q("test description")));
        assertEquals(List.of(id("d")), ids("id_contains=" + TAG + "&name_contains=delta&state=STATE_APPROVED"));
        // Each attribute pair must match (Keyward; TTS's query never matches with two pairs).
        assertEquals(List.of(id("a")), ids("attributes_contain%5Bteam%5D=" + TAG + "&attributes_contain%5Bregion%5D=eu&query=" + TAG));
    }

    @Test
    void ordersInBothDirections() {
        String base = "id_contains=" + TAG + "&field_mask=name";
        assertEquals(active, ids(base));
        assertEquals(active, ids(base + "&order=user_id"));
        assertEquals(reversed(active), ids(base + "&order=-user_id"));
        // Names: "Alpha", "Delta", "Epsilon", "Gamma", "beta" (upper-case letters sort first).
        assertEquals(List.of(id("a"), id("d"), id("e"), id("c"), id("b")), ids(base + "&order=name"));
        assertEquals(List.of(id("b"), id("c"), id("e"), id("d"), id("a")), ids(base + "&order=-name"));
        assertEquals(active, ids(base + "&order=created_at"));
        assertEquals(reversed(active), ids(base + "&order=-created_at"));
        assertEquals(active, ids(base + "&order=primary_email_address"));
        // Same state: the secondary key user_id goes in the same direction.
        List<String> byState = ids(base + "&order=state");
        assertEquals(flagged, byState.get(byState.size() - 1));
        assertEquals(List.of(id("a"), id("b"), id("c"), id("d")), byState.subList(0, 4));
        List<String> byStateDesc = ids(base + "&order=-state");
        assertEquals(List.of(flagged, id("d"), id("c"), id("b"), id("a")), byStateDesc);
        assertEquals(reversed(active), ids(base + "&order=-admin"));
    }

    @Test
    void pagingEdges() {
        String base = "id_contains=" + TAG + "&order=user_id&limit=2";
        Reply p1 = search(base + "&page=1");
        assertEquals(5, p1.total());
        assertEquals(active.subList(0, 2), users(p1).stream().map(u -> u.getJsonObject("ids").getString("user_id")).toList());
        Reply p3 = search(base + "&page=3");
        assertEquals(List.of(id("e")), users(p3).stream().map(u -> u.getJsonObject("ids").getString("user_id")).toList(), "last page");
        Reply past = search(base + "&page=4");
        assertEquals("{}", past.body().replace(" ", ""));
        assertEquals(5, past.total());
        assertEquals(5, users(search("id_contains=" + TAG + "&limit=0")).size(), "limit 0: the default page size");
        assertError(Api.get("/api/v3/search/users?id_contains=" + TAG + "&limit=1001", admin), 400, "validation");
        assertEquals(users(search(base + "&page=1")), users(search(base + "&page=0")));
    }

    @Test
    void deletedUsers() {
        assertFalse(ids("id_contains=" + TAG).contains(deleted));
        List<JsonObject> gone = users(search("id_contains=" + TAG + "&deleted=true"));
        assertEquals(1, gone.size());
        assertEquals(deleted, gone.get(0).getJsonObject("ids").getString("user_id"));
        assertTrue(gone.get(0).containsKey("deleted_at"));
        assertEquals(List.of(deleted), ids("query=" + q("to be deleted " + TAG) + "&deleted=1"));
    }

    @Test
    void fieldMasksGetTheFilterFields() {
        JsonObject a = users(search("name_contains=" + q("alpha " + TAG))).get(0);
        assertEquals("Alpha " + TAG, a.getString("name"), "the name filter adds name");
        assertFalse(a.containsKey("description"));
        a = users(search("description_contains=" + q("some test description " + TAG) + "&attributes_contain%5Bteam%5D=rf")).get(0);
        assertTrue(a.containsKey("description"));
        assertEquals("eu", a.getJsonObject("attributes").getString("region"));
        a = users(search("query=" + q("Alpha " + TAG) + "&state=STATE_APPROVED")).get(0);
        assertEquals("STATE_APPROVED", a.getString("state"));
        assertFalse(a.containsKey("name"), "query adds nothing");
        // TESTS.md 67: contact_info from the primary address.
        a = users(search("id_contains=" + q(id("a")) + "&field_mask=contact_info")).get(0);
        assertEquals(id("a") + "@example.com", a.getJsonArray("contact_info").getJsonObject(0).getString("value"));
        assertError(Api.get("/api/v3/search/users?field_mask=password", admin), 400, "field_mask_paths");
    }

    @Test
    void onlyAdminsSearch() {
        String user = Api.uniqueId("searcher");
        Users.register(user);
        String key = Credentials.createApiKey(user, Credentials.login(user, PASSWORD), Right.RIGHT_ALL);
        // TESTS.md 65
        Reply denied = assertError(Api.get("/api/v3/search/users?query=" + TAG, key), 403, "search_forbidden");
        assertFalse(denied.body().contains(TAG));
        assertError(Api.get("/api/v3/search/users?deleted=true", key), 403, "search_forbidden");
        assertError(Api.get("/api/v3/search/users?query=" + TAG, null), 403, "search_forbidden");
        assertError(Api.get("/api/v3/search/users?query=" + TAG, "NNSXS.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA."
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401, "api_key_not_found");
    }

    @Test
    void badSearchRequests() {
        assertError(Api.get("/api/v3/search/users?name_contains=" + "x".repeat(51), admin), 400, "validation");
        assertError(Api.get("/api/v3/search/users?query=" + "x".repeat(51), admin), 400, "validation");
        assertError(Api.get("/api/v3/search/users?attributes_contain%5BBad_Key%5D=x", admin), 400, "validation");
        assertError(Api.get("/api/v3/search/users?attributes_contain%5Bteam%5D=" + "x".repeat(51), admin), 400, "validation");
        assertError(Api.get("/api/v3/search/users?state=STATE_FLAGGED&state=STATE_FLAGGED", admin), 400, "validation");
        assertError(Api.get("/api/v3/search/users?state=9", admin), 400, "validation");
        assertError(Api.get("/api/v3/search/users?order=password", admin), 400, "validation");
        assertPlain(Api.get("/api/v3/search/users?state=FLAGGED", admin), 400, 3);
        assertPlain(Api.get("/api/v3/search/users?page=-1", admin), 400, 3);
    }
}
