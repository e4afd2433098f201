package io.keyward.it;

import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Users.List over HTTP as the admin: field masks, every order in both directions (secondary key
 * user_id in the same direction), paging edges, X-Total-Count, deleted users. The database is shared
 * with other tests, so the assertions hold for whatever users exist.
 */
class UserListApiIT {

    private static List<JsonObject> users(Reply r) {
        assertEquals(200, r.status(), r.body());
        if (!r.json().containsKey("users")) {
            return List.of();
        }
        return r.json().getJsonArray("users").stream().map(JsonValue::asJsonObject).toList();
    }

    private static String id(JsonObject u) {
        return u.getJsonObject("ids").getString("user_id");
    }

    private static <T extends Comparable<T>> void assertSorted(List<JsonObject> users, Function<JsonObject, T> key, boolean desc) {
        Comparator<JsonObject> c = Comparator.comparing(key).thenComparing(UserListApiIT::id);
        if (desc) {
            c = c.reversed();
        }
        List<JsonObject> sorted = new ArrayList<>(users);
        sorted.sort(c);
        assertEquals(sorted.stream().map(UserListApiIT::id).toList(), users.stream().map(UserListApiIT::id).toList());
    }

    @Test
    void ordersInBothDirections() {
        register(Api.uniqueId("list"));
        register(Api.uniqueId("list"));
        String admin = Credentials.adminToken();
        String base = "/api/v3/users?limit=1000&field_mask=name,state,admin,primary_email_address";
        assertSorted(users(Api.get(base, admin)), UserListApiIT::id, false);
        assertSorted(users(Api.get(base + "&order=user_id", admin)), UserListApiIT::id, false);
        assertSorted(users(Api.get(base + "&order=-user_id", admin)), UserListApiIT::id, true);
        Function<JsonObject, String> name = u -> u.getString("name", "");
        assertSorted(users(Api.get(base + "&order=name", admin)), name, false);
        assertSorted(users(Api.get(base + "&order=-name", admin)), name, true);
        Function<JsonObject, String> email = u -> u.getString("primary_email_address", "");
        assertSorted(users(Api.get(base + "&order=primary_email_address", admin)), email, false);
        assertSorted(users(Api.get(base + "&order=-primary_email_address", admin)), email, true);
        Function<JsonObject, Integer> state = u -> List.of("STATE_REQUESTED", "STATE_APPROVED", "STATE_REJECTED",
                "STATE_FLAGGED", "STATE_SUSPENDED").indexOf(u.getString("state", "STATE_REQUESTED"));
        assertSorted(users(Api.get(base + "&order=state", admin)), state, false);
        assertSorted(users(Api.get(base + "&order=-state", admin)), state, true);
        Function<JsonObject, Boolean> isAdmin = u -> u.getBoolean("admin", false);
        assertSorted(users(Api.get(base + "&order=admin", admin)), isAdmin, false);
        assertSorted(users(Api.get(base + "&order=-admin", admin)), isAdmin, true);
        Function<JsonObject, String> created = u -> java.time.Instant.parse(u.getString("created_at")).toString();
        assertSorted(users(Api.get(base + "&order=created_at", admin)), u -> java.time.Instant.parse(u.getString("created_at")), false);
        assertSorted(users(Api.get(base + "&order=-created_at", admin)), u -> java.time.Instant.parse(u.getString("created_at")), true);
        assertFalse(created.apply(users(Api.get(base, admin)).get(0)).isEmpty());
    }

    @Test
    void pagingAndTotals() {
        for (int i = 0; i < 3; i++) {
            register(Api.uniqueId("page"));
        }
        String admin = Credentials.adminToken();
        Reply all = Api.get("/api/v3/users?limit=1000&order=-created_at", admin);
        long total = all.total();
        assertTrue(total >= 3);
        List<String> everyone = users(all).stream().map(UserListApiIT::id).toList();

        // Pages of 2 stitch together into the same order, without gaps or repeats.
        List<String> stitched = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Reply r = Api.get("/api/v3/users?limit=2&page=" + page + "&order=-created_at", admin);
            assertEquals(total, r.total());
            stitched.addAll(users(r).stream().map(UserListApiIT::id).toList());
        }
        assertEquals(everyone.subList(0, Math.min(6, everyone.size())), stitched);
        // Page 0 is page 1.
        assertEquals(users(Api.get("/api/v3/users?limit=2&page=1", admin)), users(Api.get("/api/v3/users?limit=2&page=0", admin)));

        // The last page holds the rest; a page past the end is empty ({}) with the total.
        int limit = 7;
        long lastPage = (total + limit - 1) / limit;
        Reply last = Api.get("/api/v3/users?limit=" + limit + "&page=" + lastPage, admin);
        assertEquals(total - (lastPage - 1) * limit, users(last).size());
        Reply past = Api.get("/api/v3/users?limit=" + limit + "&page=" + (lastPage + 1), admin);
        assertEquals(200, past.status());
        assertEquals("{}", past.body().replace(" ", ""));
        assertEquals(total, past.total());

        // limit 0 (or none) is the default page size of 100, never everything.
        assertEquals(Math.min(100, total), users(Api.get("/api/v3/users?limit=0", admin)).size());
        assertEquals(Math.min(100, total), users(Api.get("/api/v3/users", admin)).size());
        assertError(Api.get("/api/v3/users?limit=1001", admin), 400, "validation");
        assertEquals(Math.min(1000, total), users(Api.get("/api/v3/users?limit=1000", admin)).size());
    }

    @Test
    void fieldMasksAndDeletedUsers() {
        String admin = Credentials.adminToken();
        String id = Api.uniqueId("masked");
        register(id);
        List<JsonObject> bare = users(Api.get("/api/v3/users?limit=1000&order=-created_at", admin));
        JsonObject mine = bare.stream().filter(u -> id(u).equals(id)).findFirst().orElseThrow();
        assertEquals(List.of("ids", "created_at", "updated_at"), List.copyOf(mine.keySet()));
        List<JsonObject> withContact = users(Api.get("/api/v3/users?limit=1000&order=-created_at&field_mask=contact_info,attributes", admin));
        JsonObject contact = withContact.stream().filter(u -> id(u).equals(id)).findFirst().orElseThrow();
        assertEquals(id + "@example.com", contact.getJsonArray("contact_info").getJsonObject(0).getString("value"));
        assertEquals(id + "@example.com", contact.getString("primary_email_address"));

        assertEquals(200, Api.delete("/api/v3/users/" + id, admin).status());
        List<String> active = users(Api.get("/api/v3/users?limit=1000&order=-created_at", admin)).stream().map(UserListApiIT::id).toList();
        assertFalse(active.contains(id));
        Reply deleted = Api.get("/api/v3/users?deleted=true&limit=1000&order=-created_at", admin);
        List<JsonObject> gone = users(deleted);
        assertTrue(gone.stream().anyMatch(u -> id(u).equals(id)));
        assertTrue(gone.stream().allMatch(u -> u.containsKey("deleted_at")), "only deleted users");
        assertTrue(deleted.total() >= 1);
    }
}
