package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Black-box: NotificationService over HTTP without user credentials — cluster-key Create (a Keyward
 * extension), request validation before rights, and the denials for anonymous callers.
 */
class NotificationsApiIT {
    private static final String FOR_ADMIN = "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"" + Api.ADMIN_ID + "\"}},"
            + "\"notification_type\":\"test_notification\","
            + "\"data\":{\"@type\":\"type.googleapis.com/google.protobuf.StringValue\",\"value\":\"test\"},"
            + "\"receivers\":[\"NOTIFICATION_RECEIVER_COLLABORATOR\"]}";

    @Test
    void clusterPeerCreatesWithEitherKeyForm() {
        Reply r = NotificationHttp.createAsPeer(FOR_ADMIN);
        assertEquals(200, r.status(), r.body());
        String id = r.json().getString("id");
        assertEquals(36, id.length());
        UUID.fromString(id);
        assertEquals(1, r.json().size(), r.body());

        // The plain key, and the same key hex-encoded in any case, are the same key.
        String plain = NotificationHttp.CLUSTER_KEYS.get(1);
        assertEquals(200, NotificationHttp.send("POST", "/api/v3/notifications", FOR_ADMIN, "ClusterKey " + plain).status());
        String hex = HexFormat.of().formatHex(plain.getBytes(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
        assertEquals(200, NotificationHttp.send("POST", "/api/v3/notifications", FOR_ADMIN, "clusterkey " + hex).status());
        String hexKey = NotificationHttp.CLUSTER_KEYS.get(0).toUpperCase(Locale.ROOT);
        assertEquals(200, NotificationHttp.send("POST", "/api/v3/notifications", FOR_ADMIN, "ClusterKey " + hexKey).status());
    }

    @Test
    void createIsDeniedToEveryoneElse() {
        Reply anonymous = Api.post("/api/v3/notifications", FOR_ADMIN, null);
        assertEquals(403, anonymous.status(), anonymous.body());
        assertEquals("permission_denied", anonymous.errorName());
        assertFalse(anonymous.body().contains("\"id\""));

        Reply wrongKey = NotificationHttp.send("POST", "/api/v3/notifications", FOR_ADMIN, "ClusterKey not-a-peer-key");
        assertEquals(403, wrongKey.status(), wrongKey.body());
        assertEquals("cluster_key", wrongKey.errorName());
        assertEquals("pkg/auth/cluster", wrongKey.errorNamespace());

        Reply emptyKey = NotificationHttp.send("POST", "/api/v3/notifications", FOR_ADMIN, "ClusterKey ");
        assertEquals(403, emptyKey.status(), emptyKey.body());

        Reply prefix = NotificationHttp.send("POST", "/api/v3/notifications", FOR_ADMIN,
                "ClusterKey " + NotificationHttp.CLUSTER_KEYS.get(1) + "x");
        assertEquals(403, prefix.status(), prefix.body());
    }

    @Test
    void createValidatesTheRequest() {
        assertValidation(NotificationHttp.createAsPeer("{\"notification_type\":\"t\",\"receivers\":[1]}"), "entity_ids", null);
        assertValidation(NotificationHttp.createAsPeer("{\"entity_ids\":{},\"notification_type\":\"t\",\"receivers\":[1]}"),
                "entity_ids", "ids");
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"A\"}},\"notification_type\":\"t\",\"receivers\":[1]}"),
                "entity_ids", "user_ids");
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"application_ids\":{\"application_id\":\"ab\"}},\"notification_type\":\"t\",\"receivers\":[1]}"),
                "entity_ids", "application_ids");
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entityIds\":{\"userIds\":{\"userId\":\"admin\"}},\"receivers\":[1]}"), "notification_type", null);
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},\"notification_type\":\"" + "x".repeat(101)
                        + "\",\"receivers\":[1]}"), "notification_type", null);
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},\"notification_type\":\"t\"}"), "receivers", null);
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},\"notification_type\":\"t\","
                        + "\"receivers\":[\"COLLABORATOR\",\"NOTIFICATION_RECEIVER_COLLABORATOR\"]}"), "receivers", null);
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},\"notification_type\":\"t\",\"receivers\":[2]}"),
                "receivers", null);
        assertValidation(NotificationHttp.createAsPeer(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},\"notification_type\":\"t\","
                        + "\"sender_ids\":{},\"receivers\":[1]}"), "sender_ids", "user_id");

        // Malformed wire values are plain 400s without details.
        Reply notJson = NotificationHttp.createAsPeer("{");
        assertEquals(400, notJson.status());
        assertNull(notJson.errorName());
        Reply anyWithoutType = NotificationHttp.createAsPeer("{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},"
                + "\"notification_type\":\"t\",\"data\":{\"value\":\"x\"},\"receivers\":[1]}");
        assertEquals(400, anyWithoutType.status(), anyWithoutType.body());
        assertNull(anyWithoutType.errorName());
        Reply unknownReceiver = NotificationHttp.createAsPeer("{\"entity_ids\":{\"user_ids\":{\"user_id\":\"admin\"}},"
                + "\"notification_type\":\"t\",\"receivers\":[\"NOBODY\"]}");
        assertEquals(400, unknownReceiver.status(), unknownReceiver.body());
        assertNull(unknownReceiver.errorName());

        // Validation comes before the caller check (API.md §1.4.3).
        Reply anonymousInvalid = Api.post("/api/v3/notifications", "{}", null);
        assertEquals(400, anonymousInvalid.status(), anonymousInvalid.body());
    }

    @Test
    void createForAnEntityThisServerDoesNotHoldHasNoReceiver() {
        for (String ids : new String[] {
                "{\"application_ids\":{\"application_id\":\"app-1\"}}",
                "{\"gateway_ids\":{\"gateway_id\":\"gtw-1\",\"eui\":\"70b3d57ed000abcd\"}}",
                "{\"device_ids\":{\"device_id\":\"dev-1\",\"application_ids\":{\"application_id\":\"app-1\"}}}",
                "{\"organization_ids\":{\"organization_id\":\"org-1\"}}",
                "{\"client_ids\":{\"client_id\":\"cli-1\"}}",
                "{\"user_ids\":{\"user_id\":\"" + Api.uniqueId("nobody") + "\"}}"}) {
            Reply r = NotificationHttp.createAsPeer("{\"entity_ids\":" + ids + ",\"notification_type\":\"test_notification\","
                    + "\"receivers\":[\"NOTIFICATION_RECEIVER_COLLABORATOR\",\"NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT\","
                    + "\"NOTIFICATION_RECEIVER_TECHNICAL_CONTACT\"]}");
            assertEquals(500, r.status(), ids + " -> " + r.body());
            assertEquals("no_receiver_user_ids", r.errorName());
            assertEquals(2, r.grpcCode());
        }
    }

    @Test
    void anonymousCallersCannotListOrUpdate() {
        Reply list = Api.get("/api/v3/users/" + Api.ADMIN_ID + "/notifications", null);
        assertEquals(403, list.status(), list.body());
        assertEquals("no_user_rights", list.errorName());
        assertFalse(list.body().contains("notifications"));

        Reply update = Api.patch("/api/v3/users/" + Api.ADMIN_ID + "/notifications",
                "{\"ids\":[\"" + UUID.randomUUID() + "\"],\"status\":\"NOTIFICATION_STATUS_SEEN\"}", null);
        assertEquals(403, update.status(), update.body());
        assertEquals("no_user_rights", update.errorName());

        // A cluster key is no user credential.
        Reply peerList = NotificationHttp.send("GET", "/api/v3/users/" + Api.ADMIN_ID + "/notifications", null,
                "ClusterKey " + NotificationHttp.CLUSTER_KEYS.get(0));
        assertTrue(peerList.status() == 403 || peerList.status() == 401, peerList.body());
    }

    @Test
    void listAndUpdateValidateBeforeRights() {
        assertValidation(Api.get("/api/v3/users/A/notifications", null), "receiver_ids", "user_id");
        assertValidation(Api.get("/api/v3/users/admin/notifications?limit=1001", null), "limit", null);
        assertValidation(Api.get("/api/v3/users/admin/notifications?status=NOTIFICATION_STATUS_SEEN&status=1", null),
                "status", null);
        assertValidation(Api.get("/api/v3/users/admin/notifications?status=7", null), "status", null);
        Reply shortName = Api.get("/api/v3/users/admin/notifications?status=SEEN", null);
        assertEquals(400, shortName.status(), shortName.body());
        assertNull(shortName.errorName(), "query enums take only full names or numbers");
        Reply badLimit = Api.get("/api/v3/users/admin/notifications?limit=abc", null);
        assertEquals(400, badLimit.status());

        String path = "/api/v3/users/admin/notifications";
        assertValidation(Api.patch(path, "{\"status\":\"SEEN\"}", null), "ids", null);
        assertValidation(Api.patch(path, "{\"ids\":[\"short\"]}", null), "ids[0]", null);
        String id = UUID.randomUUID().toString();
        assertValidation(Api.patch(path, "{\"ids\":[\"" + id + "\",\"" + id + "\"]}", null), "ids", null);
        StringBuilder many = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        assertValidation(Api.patch(path, many.append("]}").toString(), null), "ids", null);
        assertValidation(Api.patch(path, "{\"ids\":[\"" + id + "\"],\"status\":9}", null), "status", null);
        Reply badStatus = Api.patch(path, "{\"ids\":[\"" + id + "\"],\"status\":\"READ\"}", null);
        assertEquals(400, badStatus.status());
        assertNull(badStatus.errorName());
    }

    @Test
    void otherVerbsAreNotAllowed() {
        Reply r = Api.delete("/api/v3/users/admin/notifications", null);
        assertEquals(501, r.status(), r.body());
        Reply get = Api.get("/api/v3/notifications", null);
        assertEquals(501, get.status(), get.body());
    }

    @Test
    void openApiMarksCreateAsAnExtension() {
        Reply doc = Api.get("/openapi", null);
        assertEquals(200, doc.status());
        assertTrue(doc.body().contains("/api/v3/notifications:"), "Create is documented");
        assertTrue(doc.body().contains("x-keyward-extension"), "and marked as an extension");
        assertTrue(doc.body().contains("/api/v3/users/{user_id}/notifications:"));
    }

    /** A {@code pkg/errors:validation} error on {@code field}, with {@code causeField} one level down. */
    static void assertValidation(Reply r, String field, String causeField) {
        assertEquals(400, r.status(), r.body());
        assertEquals("validation", r.errorName(), r.body());
        var details = r.json().getJsonArray("details").getJsonObject(0);
        assertEquals(field, details.getJsonObject("attributes").getString("field"), r.body());
        if (causeField != null) {
            assertEquals(causeField, details.getJsonObject("cause").getJsonObject("attributes").getString("field"), r.body());
        }
    }
}
