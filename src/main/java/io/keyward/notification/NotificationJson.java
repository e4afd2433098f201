package io.keyward.notification;

import io.keyward.error.Validation;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonP;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import io.keyward.wire.Timestamps;
import io.keyward.wire.WireFormatException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire form of the notification messages (API.md §3.12, JSON.md §8 and §11.8): request parsing with
 * the message validation of §1.4.3 (in proto field order, stopping at the first failure), and the
 * {@code Notification} output.
 */
public final class NotificationJson {
    static final int MAX_TYPE_RUNES = 100;
    static final int MAX_IDS = 1000;
    static final int ID_LENGTH = 36;

    private NotificationJson() {
    }

    /** {@code CreateNotificationRequest}, validated. */
    public record CreateNotification(EntityIds entityIds, String notificationType, JsonObject data,
                                     String senderUserId, List<NotificationReceiver> receivers, boolean email) {
    }

    /** {@code ListNotificationsRequest}, validated. */
    public record ListNotifications(String receiverUserId, Set<NotificationStatus> statuses, Paging paging) {
    }

    /** {@code UpdateNotificationStatusRequest}, validated. */
    public record UpdateStatus(String receiverUserId, List<String> ids, NotificationStatus status) {
    }

    public static CreateNotification parseCreate(JsonIn in) {
        // 1 entity_ids (required oneof)
        JsonIn entity = in.object("entity_ids").orElseThrow(() -> Validation.invalid("entity_ids", "value is required"));
        EntityIds entityIds = EntityIds.parse(entity, "entity_ids");
        // 2 notification_type
        String type = in.string("notification_type");
        int runes = type.codePointCount(0, type.length());
        if (runes < 1 || runes > MAX_TYPE_RUNES) {
            throw Validation.invalid("notification_type",
                    "value length must be between 1 and " + MAX_TYPE_RUNES + " runes, inclusive");
        }
        // 3 data (google.protobuf.Any)
        JsonObject data = in.value("data").map(v -> any(v, "data")).orElse(null);
        // 4 sender_ids
        String sender = in.object("sender_ids").map(s -> {
            String id = s.string("user_id");
            EntityIds.checkId("sender_ids.user_id", id, EntityIds.USER_ID);
            return id;
        }).orElse("");
        // 5 receivers: at least one, unique, defined (undefined numbers fail while parsing)
        List<NotificationReceiver> receivers = in.enumList("receivers", NotificationReceiver.class);
        if (receivers.isEmpty()) {
            throw Validation.invalid("receivers", "value must contain at least 1 item(s)");
        }
        if (new HashSet<>(receivers).size() != receivers.size()) {
            throw Validation.invalid("receivers", "repeated value must contain unique items");
        }
        // 6 email
        boolean email = in.bool("email");
        return new CreateNotification(entityIds, type, data, sender, List.copyOf(receivers), email);
    }

    public static ListNotifications parseList(String userId, Query query, int defaultLimit) {
        EntityIds.checkId("receiver_ids.user_id", userId, EntityIds.USER_ID);
        List<NotificationStatus> status = query.enumList("status", NotificationStatus.class);
        Set<NotificationStatus> unique = new LinkedHashSet<>(status);
        if (unique.size() != status.size()) {
            throw Validation.invalid("status", "repeated value must contain unique items");
        }
        Paging paging = Paging.fromQuery(query, defaultLimit);
        return new ListNotifications(userId, unique, paging);
    }

    public static UpdateStatus parseUpdate(String userId, JsonIn in) {
        EntityIds.checkId("receiver_ids.user_id", userId, EntityIds.USER_ID);
        List<String> ids = in.strings("ids");
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw Validation.invalid("ids", "value must contain between 1 and " + MAX_IDS + " items, inclusive");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!seen.add(id)) {
                throw Validation.invalid("ids", "repeated value must contain unique items");
            }
            if (id.codePointCount(0, id.length()) != ID_LENGTH) {
                throw Validation.invalid("ids[" + i + "]", "value length must be " + ID_LENGTH + " runes");
            }
        }
        NotificationStatus status = in.enumValue("status", NotificationStatus.class)
                .orElse(NotificationStatus.NOTIFICATION_STATUS_UNSEEN);
        return new UpdateStatus(userId, List.copyOf(ids), status);
    }

    /**
     * A {@code google.protobuf.Any} in JSON: an object whose first key is {@code @type} (a non-empty
     * type URL), followed by the fields of the message. Returned with {@code @type} first and
     * everything else unchanged.
     */
    static JsonObject any(JsonValue v, String field) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw WireFormatException.of("invalid value for google.protobuf.Any field " + field + ": expected an object");
        }
        JsonObject o = v.asJsonObject();
        JsonValue type = o.get("@type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING
                || ((JsonString) type).getString().isBlank() || !((JsonString) type).getString().contains("/")) {
            throw WireFormatException.of("invalid value for google.protobuf.Any field " + field
                    + ": \"@type\" must be a type URL such as \"type.googleapis.com/ttn.lorawan.v3.APIKey\"");
        }
        if (!o.keySet().iterator().next().equals("@type")) {
            throw WireFormatException.of("invalid value for google.protobuf.Any field " + field
                    + ": \"@type\" must be the first key");
        }
        return typeFirst(o);
    }

    static JsonObject typeFirst(JsonObject o) {
        JsonObjectBuilder b = JsonP.object();
        JsonValue type = o.get("@type");
        if (type != null) {
            b.add("@type", type);
        }
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            if (!e.getKey().equals("@type")) {
                b.add(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    static JsonObject parseStored(String json) {
        try (JsonReader r = JsonP.reader(new StringReader(json))) {
            return r.readObject();
        }
    }

    /** One listed notification as read from the database (the receiver's row joined with the notification). */
    record Listed(String id, Instant createdAt, String entityType, String entityId, String entityIds,
                  String notificationType, String data, String senderUserId, String receivers, boolean email,
                  NotificationStatus status, Instant statusUpdatedAt) {
    }

    /** The {@code Notification} message as seen by one receiver, zero values omitted. */
    static JsonObject notification(Listed n) {
        JsonObjectBuilder out = JsonP.object()
                .add("id", n.id())
                .add("created_at", Timestamps.format(n.createdAt()));
        if (EntityIds.USER.equals(n.entityType())) {
            // The stored form of user identifiers, without parsing it.
            out.add("entity_ids", JsonP.object()
                    .add("user_ids", JsonP.object().add("user_id", n.entityId())));
        } else {
            out.add("entity_ids", parseStored(n.entityIds()));
        }
        out.add("notification_type", n.notificationType());
        if (n.data() != null) {
            out.add("data", parseStored(n.data()));
        }
        if (!n.senderUserId().isEmpty()) {
            out.add("sender_ids", JsonP.object().add("user_id", n.senderUserId()));
        }
        List<NotificationReceiver> receivers = NotificationReceiver.decode(n.receivers());
        if (!receivers.isEmpty()) {
            JsonArrayBuilder names = JsonP.array();
            receivers.forEach(x -> names.add(x.fullName()));
            out.add("receivers", names);
        }
        if (n.email()) {
            out.add("email", true);
        }
        if (n.status() != NotificationStatus.NOTIFICATION_STATUS_UNSEEN) {
            out.add("status", n.status().fullName());
        }
        return out.add("status_updated_at", Timestamps.format(n.statusUpdatedAt())).build();
    }
}
