package io.keyward.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.wire.JsonIn;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import io.keyward.wire.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Notification requests and answers (API.md §3.12, JSON.md §8): validation in field order, zero values left out. */
class NotificationJsonTest {
    private static final String ID = "0123456789abcdef0123456789abcdef0123"; // 36 runes

    private static JsonIn body(String json) {
        return JsonIn.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The innermost validation error of a chain, after checking the chain's top field. */
    private static KeywardException leaf(KeywardException e, String topField) {
        assertTrue(e.is(Errors.VALIDATION), e.getMessage());
        assertEquals(topField, e.attributes().get("field"));
        while (e.detailCause() != null) {
            e = e.detailCause();
        }
        return e;
    }

    private static KeywardException createFails(String json) {
        return assertThrows(KeywardException.class, () -> NotificationJson.parseCreate(body(json)));
    }

    @Test
    void parsesAFullCreateRequest() {
        NotificationJson.CreateNotification n = NotificationJson.parseCreate(body("{"
                + "\"entityIds\":{\"user_ids\":{\"user_id\":\"alice\"}},"
                + "\"notification_type\":\"api_key_created\","
                + "\"data\":{\"@type\":\"type.googleapis.com/ttn.lorawan.v3.APIKey\",\"name\":\"ci\"},"
                + "\"sender_ids\":{\"user_id\":\"admin\"},"
                + "\"receivers\":[\"NOTIFICATION_RECEIVER_COLLABORATOR\",\"TECHNICAL_CONTACT\",3],"
                + "\"email\":true,\"unknown\":1}"));
        assertTrue(n.entityIds().isUser());
        assertEquals("alice", n.entityIds().id());
        assertEquals("api_key_created", n.notificationType());
        assertEquals("type.googleapis.com/ttn.lorawan.v3.APIKey", n.data().getString("@type"));
        assertEquals("admin", n.senderUserId());
        assertEquals(List.of(NotificationReceiver.NOTIFICATION_RECEIVER_COLLABORATOR,
                NotificationReceiver.NOTIFICATION_RECEIVER_TECHNICAL_CONTACT,
                NotificationReceiver.NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT), n.receivers());
        assertTrue(n.email());
    }

    @Test
    void entityIdsComeFirstAndAreRequired() {
        // Both entity_ids and notification_type are wrong: the first field in proto order is reported.
        KeywardException e = createFails("{\"notification_type\":\"\",\"receivers\":[1]}");
        assertEquals("value is required", leaf(e, "entity_ids").attributes().get("reason"));
        KeywardException noMember = createFails("{\"entity_ids\":{},\"receivers\":[1]}");
        assertEquals("ids", leaf(noMember, "entity_ids").attributes().get("field"));
        KeywardException badId = createFails("{\"entity_ids\":{\"user_ids\":{\"user_id\":\"A\"}},\"notification_type\":\"\"}");
        KeywardException inner = leaf(badId, "entity_ids");
        assertEquals("user_id", inner.attributes().get("field"));
        assertTrue(((String) inner.attributes().get("reason")).startsWith("value does not match regex pattern"));
        assertThrows(WireFormatException.class, () -> NotificationJson.parseCreate(body(
                "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"alice\"},\"application_ids\":{\"application_id\":\"app\"}}}")));
    }

    @Test
    void notificationTypeIsOneToAHundredRunes() {
        String ids = "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"alice\"}},\"receivers\":[1],\"notification_type\":";
        for (String type : new String[] {"\"\"", "\"" + "t".repeat(101) + "\""}) {
            KeywardException e = createFails(ids + type + "}");
            assertEquals("value length must be between 1 and 100 runes, inclusive",
                    leaf(e, "notification_type").attributes().get("reason"));
        }
        assertEquals(100, NotificationJson.parseCreate(body(ids + "\"" + "é".repeat(100) + "\"}")).notificationType().length());
    }

    @Test
    void receiversAreRequiredUniqueAndDefined() {
        String prefix = "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"alice\"}},\"notification_type\":\"t\"";
        assertEquals("value must contain at least 1 item(s)",
                leaf(createFails(prefix + "}"), "receivers").attributes().get("reason"));
        assertEquals("repeated value must contain unique items",
                leaf(createFails(prefix + ",\"receivers\":[1,\"COLLABORATOR\"]}"), "receivers").attributes().get("reason"));
        // There is no NotificationReceiver 2.
        assertEquals("value must be one of the defined enum values",
                leaf(createFails(prefix + ",\"receivers\":[2]}"), "receivers").attributes().get("reason"));
    }

    @Test
    void dataMustBeAnAnyWithTypeFirst() {
        String prefix = "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"alice\"}},\"notification_type\":\"t\",\"receivers\":[1],\"data\":";
        assertThrows(WireFormatException.class, () -> NotificationJson.parseCreate(body(prefix + "{\"name\":\"x\"}}")));
        assertThrows(WireFormatException.class, () -> NotificationJson.parseCreate(body(prefix + "{\"@type\":\"APIKey\"}}")));
        assertThrows(WireFormatException.class, () -> NotificationJson.parseCreate(body(prefix + "\"text\"}")));
        WireFormatException late = assertThrows(WireFormatException.class, () -> NotificationJson.parseCreate(
                body(prefix + "{\"name\":\"x\",\"@type\":\"type.googleapis.com/x.Y\"}}")));
        assertTrue(late.getMessage().endsWith("\"@type\" must be the first key"), late.getMessage());
        assertNull(NotificationJson.parseCreate(body(prefix + "null}")).data());
    }

    @Test
    void gatewayAndDeviceIdentifiersAreNormalised() {
        NotificationJson.CreateNotification gw = NotificationJson.parseCreate(body("{\"entity_ids\":{\"gateway_ids\":"
                + "{\"gateway_id\":\"gw-1\",\"eui\":\"0011aabbccddeeff\"}},\"notification_type\":\"t\",\"receivers\":[1]}"));
        assertEquals("gateway", gw.entityIds().type());
        assertEquals("{\"gateway_ids\":{\"gateway_id\":\"gw-1\",\"eui\":\"0011AABBCCDDEEFF\"}}", gw.entityIds().json().toString());
        KeywardException noApp = createFails("{\"entity_ids\":{\"device_ids\":{\"device_id\":\"dev\"}},\"notification_type\":\"t\"}");
        assertEquals("application_ids", leaf(noApp, "entity_ids").attributes().get("field"));
        assertThrows(WireFormatException.class, () -> NotificationJson.parseCreate(body("{\"entity_ids\":{\"gateway_ids\":"
                + "{\"gateway_id\":\"gw-1\",\"eui\":\"0011\"}},\"notification_type\":\"t\",\"receivers\":[1]}")));
    }

    @Test
    void updateNeedsOneToAThousandUniqueIdsOf36Runes() {
        assertEquals("value must contain between 1 and 1000 items, inclusive",
                leaf(assertThrows(KeywardException.class, () -> NotificationJson.parseUpdate("alice", body("{}"))), "ids")
                        .attributes().get("reason"));
        assertEquals("repeated value must contain unique items", leaf(assertThrows(KeywardException.class,
                () -> NotificationJson.parseUpdate("alice", body("{\"ids\":[\"" + ID + "\",\"" + ID + "\"]}"))), "ids")
                .attributes().get("reason"));
        KeywardException shortId = assertThrows(KeywardException.class,
                () -> NotificationJson.parseUpdate("alice", body("{\"ids\":[\"" + ID + "\",\"abc\"]}")));
        assertEquals("value length must be 36 runes", leaf(shortId, "ids[1]").attributes().get("reason"));
    }

    @Test
    void updateStatusDefaultsToUnseenAndChecksTheReceiver() {
        NotificationJson.UpdateStatus u = NotificationJson.parseUpdate("alice", body("{\"ids\":[\"" + ID + "\"],\"status\":\"SEEN\"}"));
        assertEquals(NotificationStatus.NOTIFICATION_STATUS_SEEN, u.status());
        assertEquals(List.of(ID), u.ids());
        assertEquals(NotificationStatus.NOTIFICATION_STATUS_UNSEEN,
                NotificationJson.parseUpdate("alice", body("{\"ids\":[\"" + ID + "\"]}")).status());
        KeywardException badUser = assertThrows(KeywardException.class,
                () -> NotificationJson.parseUpdate("Alice", body("{\"ids\":[\"" + ID + "\"]}")));
        assertEquals("user_id", leaf(badUser, "receiver_ids").attributes().get("field"));
    }

    @Test
    void listTakesUniqueStatusesAndPaging() {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("status", "NOTIFICATION_STATUS_SEEN");
        params.add("status", "2");
        params.add("limit", "5");
        NotificationJson.ListNotifications l = NotificationJson.parseList("alice", new Query(params), 100);
        assertEquals(Set.of(NotificationStatus.NOTIFICATION_STATUS_SEEN, NotificationStatus.NOTIFICATION_STATUS_ARCHIVED), l.statuses());
        assertEquals(new Paging(5, 1), l.paging());
        params.add("status", "1");
        assertEquals("repeated value must contain unique items", leaf(assertThrows(KeywardException.class,
                () -> NotificationJson.parseList("alice", new Query(params), 100)), "status").attributes().get("reason"));
    }

    @Test
    void notificationOutputLeavesZeroValuesOut() {
        Instant created = Instant.parse("2026-03-01T12:00:00Z");
        JsonObject unseen = NotificationJson.notification(new NotificationJson.Listed(ID, created, "user", "alice", null,
                "api_key_created", null, "", "1,4", false, NotificationStatus.NOTIFICATION_STATUS_UNSEEN, created));
        assertEquals("{\"id\":\"" + ID + "\",\"created_at\":\"2026-03-01T12:00:00Z\","
                + "\"entity_ids\":{\"user_ids\":{\"user_id\":\"alice\"}},\"notification_type\":\"api_key_created\","
                + "\"receivers\":[\"NOTIFICATION_RECEIVER_COLLABORATOR\",\"NOTIFICATION_RECEIVER_TECHNICAL_CONTACT\"],"
                + "\"status_updated_at\":\"2026-03-01T12:00:00Z\"}", unseen.toString());

        JsonObject seen = NotificationJson.notification(new NotificationJson.Listed(ID, created, "gateway", "gw-1",
                "{\"gateway_ids\":{\"gateway_id\":\"gw-1\"}}", "t", "{\"@type\":\"type.googleapis.com/x.Y\",\"a\":1}",
                "admin", "", true, NotificationStatus.NOTIFICATION_STATUS_SEEN, created));
        assertEquals("{\"gateway_ids\":{\"gateway_id\":\"gw-1\"}}", seen.get("entity_ids").toString());
        assertEquals("{\"user_id\":\"admin\"}", seen.get("sender_ids").toString());
        assertTrue(seen.getBoolean("email"));
        assertEquals("NOTIFICATION_STATUS_SEEN", seen.getString("status"));
        assertEquals("{\"@type\":\"type.googleapis.com/x.Y\",\"a\":1}", seen.get("data").toString());
        assertFalse(seen.containsKey("receivers"));
    }
}
