package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box: NotificationService with real credentials (API.md §8, JSON.md §11.8, TESTS.md §4 and §6
 * "Notifications"): Create by admins and cluster peers, List with filters and paging, UpdateStatus,
 * isolation between users, and the server's own notifications.
 */
@ExtendWith(ArquillianExtension.class)
class UserNotificationsIT {
    private static final String PASSWORD = "Notif-Passw0rd!";

    @Deployment(testable = false)
    static WebArchive seed() {
        return Credentials.seedDeployment();
    }

    @ArquillianResource
    URL seedUrl;

    private String alice;
    private String aliceToken;
    private String bob;
    private String bobToken;

    @BeforeEach
    void setUp() {
        Credentials.useSeed(seedUrl);
        alice = Api.uniqueId("alice");
        bob = Api.uniqueId("bob");
        Credentials.createUser(alice, PASSWORD);
        Credentials.createUser(bob, PASSWORD);
        aliceToken = Credentials.login(alice, PASSWORD);
        bobToken = Credentials.login(bob, PASSWORD);
    }

    private static String inbox(String userId) {
        return "/api/v3/users/" + userId + "/notifications";
    }

    private static String createBody(String userId, String type) {
        return "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"" + userId + "\"}},"
                + "\"notification_type\":\"" + type + "\","
                + "\"data\":{\"@type\":\"type.googleapis.com/ttn.lorawan.v3.EntityStateChangedNotification\","
                + "\"state\":\"STATE_APPROVED\",\"state_description\":\"welcome\"},"
                + "\"sender_ids\":{\"user_id\":\"" + Api.ADMIN_ID + "\"},"
                + "\"receivers\":[\"NOTIFICATION_RECEIVER_COLLABORATOR\",\"ADMINISTRATIVE_CONTACT\"],"
                + "\"email\":true}";
    }

    /** Creates one notification for {@code userId} as a cluster peer; returns its id. */
    private static String create(String userId, String type) {
        Reply r = NotificationHttp.createAsPeer(createBody(userId, type));
        assertEquals(200, r.status(), r.body());
        return r.json().getString("id");
    }

    private static List<String> ids(Reply list) {
        JsonObject j = list.json();
        return j.containsKey("notifications") ? j.getJsonArray("notifications").getValuesAs(JsonObject.class).stream()
                .map(n -> n.getString("id")).toList() : List.of();
    }

    private static Reply seen(String userId, String status, String token, String... ids) {
        StringBuilder b = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < ids.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(ids[i]).append('"');
        }
        b.append("],\"status\":\"").append(status).append("\"}");
        return Api.patch(inbox(userId), b.toString(), token);
    }

    @Test
    void adminCreatesAndTheReceiverListsTheWireForm() {
        Reply created = Api.post("/api/v3/notifications", createBody(alice, "entity_state_changed"), Credentials.adminToken());
        assertEquals(200, created.status(), created.body());
        String id = created.json().getString("id");

        Reply list = Api.get(inbox(alice), aliceToken);
        assertEquals(200, list.status(), list.body());
        assertEquals(1, list.total());
        JsonObject n = list.json().getJsonArray("notifications").getJsonObject(0);
        assertEquals(id, n.getString("id"));
        assertTrue(n.getString("created_at").endsWith("Z"));
        assertEquals(alice, n.getJsonObject("entity_ids").getJsonObject("user_ids").getString("user_id"));
        assertEquals("entity_state_changed", n.getString("notification_type"));
        JsonObject data = n.getJsonObject("data");
        assertEquals("@type", data.keySet().iterator().next());
        assertEquals("type.googleapis.com/ttn.lorawan.v3.EntityStateChangedNotification", data.getString("@type"));
        assertEquals("STATE_APPROVED", data.getString("state"));
        assertEquals("welcome", data.getString("state_description"));
        assertEquals(Api.ADMIN_ID, n.getJsonObject("sender_ids").getString("user_id"));
        assertEquals(List.of("NOTIFICATION_RECEIVER_COLLABORATOR", "NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"),
                n.getJsonArray("receivers").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertTrue(n.getBoolean("email"), "templated type: the e-mail flag stays");
        assertFalse(n.containsKey("status"), "UNSEEN is omitted");
        assertEquals(n.getString("created_at"), n.getString("status_updated_at"));

        // Bob did not receive it.
        Reply bobs = Api.get(inbox(bob), bobToken);
        assertEquals(200, bobs.status());
        assertEquals(0, bobs.total());
        assertEquals("{}", bobs.body().replace(" ", ""), "an empty list is {}");
    }

    @Test
    void onlyAdminsAndPeersMayCreate() {
        Reply byUser = Api.post("/api/v3/notifications", createBody(alice, "t"), aliceToken);
        assertEquals(403, byUser.status(), byUser.body());
        assertEquals("permission_denied", byUser.errorName());
        Reply byBadKey = Api.post("/api/v3/notifications", createBody(alice, "t"), "NNSXS.NOPE.NOPE");
        assertEquals(403, byBadKey.status(), "credential errors are swallowed: " + byBadKey.body());
        assertEquals(0, Api.get(inbox(alice), aliceToken).total());
    }

    @Test
    void listFiltersByStatusPagesNewestFirstAndUpdateStatusApplies() {
        String n0 = create(alice, "n0");
        String n1 = create(alice, "n1");
        String n2 = create(alice, "n2");
        String n3 = create(alice, "n3");
        String n4 = create(alice, "n4");

        Reply all = Api.get(inbox(alice), aliceToken);
        assertEquals(List.of(n4, n3, n2, n1, n0), ids(all), "newest first");
        assertEquals(5, all.total());

        assertEquals(200, seen(alice, "NOTIFICATION_STATUS_SEEN", aliceToken, n4, n3).status());
        Reply archived = seen(alice, "ARCHIVED", aliceToken, n0, UUID.randomUUID().toString());
        assertEquals(200, archived.status(), archived.body());
        assertEquals("{}", archived.body().replace(" ", ""));

        Reply unseen = Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_UNSEEN", aliceToken);
        assertEquals(List.of(n2, n1), ids(unseen));
        assertEquals(2, unseen.total());
        Reply seenByNumber = Api.get(inbox(alice) + "?status=1", aliceToken);
        assertEquals(List.of(n4, n3), ids(seenByNumber));
        JsonObject s = seenByNumber.json().getJsonArray("notifications").getJsonObject(0);
        assertEquals("NOTIFICATION_STATUS_SEEN", s.getString("status"));
        assertFalse(java.time.Instant.parse(s.getString("status_updated_at"))
                .isBefore(java.time.Instant.parse(s.getString("created_at"))));
        assertEquals(List.of(n0), ids(Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_ARCHIVED", aliceToken)));
        Reply two = Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_SEEN&status=NOTIFICATION_STATUS_ARCHIVED", aliceToken);
        assertEquals(List.of(n4, n3, n0), ids(two));

        Reply page2 = Api.get(inbox(alice) + "?limit=2&page=2", aliceToken);
        assertEquals(List.of(n2, n1), ids(page2));
        assertEquals(5, page2.total());
        Reply page3 = Api.get(inbox(alice) + "?limit=2&page=3", aliceToken);
        assertEquals(List.of(n0), ids(page3));
        Reply beyond = Api.get(inbox(alice) + "?limit=2&page=4", aliceToken);
        assertEquals(List.of(), ids(beyond));
        assertEquals(5, beyond.total());
        Reply camel = Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_UNSEEN&limit=1", aliceToken);
        assertEquals(List.of(n2), ids(camel));
        assertEquals(2, camel.total());

        // Any transition is allowed, also back to UNSEEN; an absent status means UNSEEN.
        assertEquals(200, Api.patch(inbox(alice), "{\"ids\":[\"" + n4 + "\"]}", aliceToken).status());
        assertEquals(List.of(n4, n2, n1), ids(Api.get(inbox(alice) + "?status=0", aliceToken)));
    }

    @Test
    void usersAreIsolated() {
        String a1 = create(alice, "for_alice");
        String b1 = create(bob, "for_bob");

        Reply bobReadsAlice = Api.get(inbox(alice), bobToken);
        assertEquals(403, bobReadsAlice.status(), bobReadsAlice.body());
        assertEquals("no_user_rights", bobReadsAlice.errorName());
        assertFalse(bobReadsAlice.body().contains(a1));

        Reply bobUpdatesAlice = seen(alice, "NOTIFICATION_STATUS_ARCHIVED", bobToken, a1);
        assertEquals(403, bobUpdatesAlice.status(), bobUpdatesAlice.body());
        assertEquals("no_user_rights", bobUpdatesAlice.errorName());

        // Alice's ID in Bob's own inbox request is silently ignored.
        assertEquals(200, seen(bob, "NOTIFICATION_STATUS_ARCHIVED", bobToken, a1, b1).status());
        assertEquals(List.of(a1), ids(Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_UNSEEN", aliceToken)));
        assertEquals(List.of(b1), ids(Api.get(inbox(bob) + "?status=NOTIFICATION_STATUS_ARCHIVED", bobToken)));

        // A key of Alice without RIGHT_USER_NOTIFICATIONS_READ is not enough.
        String infoKey = Credentials.createApiKey(alice, aliceToken, Right.RIGHT_USER_INFO);
        Reply insufficient = Api.get(inbox(alice), infoKey);
        assertEquals(403, insufficient.status(), insufficient.body());
        assertEquals("insufficient_user_rights", insufficient.errorName());
        String readKey = Credentials.createApiKey(alice, aliceToken, Right.RIGHT_USER_NOTIFICATIONS_READ);
        assertEquals(200, Api.get(inbox(alice), readKey).status());

        // An invalid credential surfaces on rights-checked methods.
        Reply bad = Api.get(inbox(alice), "NNSXS.AAAA.BBBB");
        assertEquals(401, bad.status(), bad.body());

        // The admin reads anyone's notifications (universal rights); an unknown user is 404 for admins.
        Reply byAdmin = Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_UNSEEN", Credentials.adminToken());
        assertEquals(200, byAdmin.status(), byAdmin.body());
        assertTrue(ids(byAdmin).contains(a1));
        Reply missing = Api.get(inbox(Api.uniqueId("nobody")), Credentials.adminToken());
        assertEquals(404, missing.status(), missing.body());
        assertEquals("user_not_found", missing.errorName());
        Reply missingForUser = Api.get(inbox(Api.uniqueId("nobody")), aliceToken);
        assertEquals(403, missingForUser.status(), missingForUser.body());
    }

    @Test
    void apiKeyCreationNotifiesTheUser() {
        Reply key = Api.post("/api/v3/users/" + alice + "/api-keys",
                "{\"name\":\"ci\",\"rights\":[\"RIGHT_USER_INFO\"]}", aliceToken);
        assertEquals(200, key.status(), key.body());
        String keyId = key.json().getString("id");
        String secret = key.json().getString("key");

        Reply list = Api.get(inbox(alice) + "?status=NOTIFICATION_STATUS_UNSEEN", aliceToken);
        assertEquals(200, list.status(), list.body());
        JsonObject n = list.json().getJsonArray("notifications").getJsonObject(0);
        assertEquals("api_key_created", n.getString("notification_type"));
        assertEquals(alice, n.getJsonObject("entity_ids").getJsonObject("user_ids").getString("user_id"));
        assertEquals(alice, n.getJsonObject("sender_ids").getString("user_id"));
        assertEquals(List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"),
                n.getJsonArray("receivers").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        JsonObject data = n.getJsonObject("data");
        assertEquals("type.googleapis.com/ttn.lorawan.v3.APIKey", data.getString("@type"));
        assertEquals(keyId, data.getString("id"));
        assertEquals("ci", data.getString("name"));
        assertFalse(data.containsKey("key"), "never the secret");
        assertFalse(list.body().contains(secret.split("\\.")[2]), "the secret appears nowhere");
        assertEquals(0, Api.get(inbox(bob), bobToken).total(), "only the key's owner is notified");
    }
    /** The newest notification of {@code receiver} (read with {@code token}) about user {@code about}. */
    private static JsonObject newestAbout(String receiver, String token, String about, String type) {
        Reply list = Api.get(inbox(receiver) + "?limit=50", token);
        assertEquals(200, list.status(), list.body());
        if (!list.json().containsKey("notifications")) {
            return null;
        }
        return list.json().getJsonArray("notifications").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("notification_type").equals(type))
                .filter(n -> about.equals(n.getJsonObject("entity_ids").getJsonObject("user_ids").getString("user_id")))
                .findFirst().orElse(null);
    }

    @Test
    void stateChangeByAnAdminNotifiesTheUser() {
        Reply update = Api.put("/api/v3/users/" + alice, "{\"user\":{\"state\":\"STATE_FLAGGED\","
                + "\"state_description\":\"under review\"},\"field_mask\":{\"paths\":[\"state\",\"state_description\"]}}",
                Credentials.adminToken());
        assertEquals(200, update.status(), update.body());

        JsonObject n = newestAbout(alice, aliceToken, alice, "entity_state_changed");
        assertTrue(n != null, "entity_state_changed listed for the user");
        JsonObject data = n.getJsonObject("data");
        assertEquals("type.googleapis.com/ttn.lorawan.v3.EntityStateChangedNotification", data.getString("@type"));
        assertEquals("STATE_FLAGGED", data.getString("state"));
        assertEquals("under review", data.getString("state_description"));
        assertEquals(Api.ADMIN_ID, n.getJsonObject("sender_ids").getString("user_id"));
        assertEquals(List.of("NOTIFICATION_RECEIVER_COLLABORATOR"),
                n.getJsonArray("receivers").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(0, Api.get(inbox(bob), bobToken).total());
    }

    @Test
    void passwordChangeNotifiesTheUser() {
        Reply change = Api.put("/api/v3/users/" + bob + "/password",
                "{\"old\":\"" + PASSWORD + "\",\"new\":\"Other-Passw0rd!\"}", null);
        assertEquals(200, change.status(), change.body());
        JsonObject n = newestAbout(bob, bobToken, bob, "password_changed");
        assertTrue(n != null, "password_changed listed for the user");
        assertFalse(n.containsKey("data"), "password_changed has no data");
        assertFalse(n.containsKey("status"));
    }

    @Test
    void aRequestedUserIsAnnouncedToTheAdmins() {
        String requested = Api.uniqueId("req");
        Reply created = Api.post("/api/v3/users", "{\"user\":{\"ids\":{\"user_id\":\"" + requested + "\"},"
                + "\"primary_email_address\":\"" + requested + "@example.com\",\"password\":\"Requested-Passw0rd!\"}}",
                Credentials.adminToken());
        assertEquals(200, created.status(), created.body());

        JsonObject n = newestAbout(Api.ADMIN_ID, Credentials.adminToken(), requested, "user_requested");
        assertTrue(n != null, "user_requested listed for the admin");
        JsonObject data = n.getJsonObject("data");
        assertEquals("type.googleapis.com/ttn.lorawan.v3.CreateUserRequest", data.getString("@type"));
        assertFalse(data.toString().contains("Requested-Passw0rd!"));
        assertFalse(data.getJsonObject("user").containsKey("password"), "no password (hash) in the data");
        assertEquals(List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"),
                n.getJsonArray("receivers").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(0, Api.get(inbox(alice), aliceToken).total(), "non-admins are not told");
    }
}
