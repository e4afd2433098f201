package io.keyward.notification;

import io.keyward.config.KeywardConfig;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.error.Errors;
import io.keyward.notification.ClusterKeys.ClusterPeer;
import io.keyward.notification.NotificationJson.CreateNotification;
import io.keyward.notification.NotificationJson.ListNotifications;
import io.keyward.notification.NotificationJson.UpdateStatus;
import io.keyward.rights.CallerContext;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.user.MailRequest;
import io.keyward.user.NotificationRequest;
import io.keyward.user.UserEntity;
import io.keyward.user.UserStore;
import io.keyward.wire.JsonP;
import io.keyward.wire.Page;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * NotificationService (API.md §8): Create (for admins and cluster peers), List and UpdateStatus for a
 * receiving user, and the store for the notifications the server raises itself, which arrive as
 * {@link NotificationRequest} events inside the transaction of their cause.
 */
@Stateless
public class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class.getName());

    /** Notification types that have an e-mail template (API.md §8.5); for others {@code email} is dropped. */
    public static final Set<String> EMAIL_TEMPLATES = Set.of("api_key_changed", "api_key_created",
            "client_requested", "collaborator_changed", "entity_state_changed", "password_changed", "user_requested");

    @Inject
    NotificationStore store;

    @Inject
    UserStore users;

    @Inject
    CallerContext context;

    @Inject
    EntityRights rights;

    @Inject
    KeywardConfig config;

    @Inject
    Event<MailRequest> mail;

    /**
     * Create: for cluster peers ({@code peer} is set only after their key was verified) and admins;
     * everyone else gets {@code 403 permission_denied}. Receivers are resolved per API.md §8.2.
     */
    public String create(CreateNotification req, ClusterPeer peer) {
        if (peer == null && !context.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        // §8.2: this server holds users only. A user entity receives its own notification, whatever
        // the requested relations; other entities' contacts and collaborators are unknown here.
        List<UserEntity> users = req.entityIds().isUser() ? activeUsers(List.of(req.entityIds().id())) : List.of();
        if (users.isEmpty()) {
            throw Errors.NO_RECEIVER_USER_IDS.error();
        }
        return store(req.entityIds(), req.notificationType(), req.data(), req.senderUserId(), req.receivers(),
                users, req.email());
    }

    /** The server's own notifications (API key changes, state changes, password changes, ...). */
    public void onNotificationRequest(@Observes(during = TransactionPhase.IN_PROGRESS) NotificationRequest req) {
        if (req.entityUserId() == null || req.entityUserId().isBlank()
                || req.notificationType() == null || req.notificationType().isBlank()) {
            LOG.warning("notification request without entity or type ignored: " + req.notificationType());
            return;
        }
        JsonObject data = req.data() == null ? null : internalData(req.data());
        List<NotificationReceiver> receivers = new ArrayList<>();
        for (String name : req.receivers() == null ? List.<String>of() : req.receivers()) {
            NotificationReceiver r = io.keyward.wire.ProtoEnums.byName(NotificationReceiver.class, name);
            if (r == null) {
                LOG.warning("unknown notification receiver " + name + " ignored");
            } else if (!receivers.contains(r)) {
                receivers.add(r);
            }
        }
        List<UserEntity> users = activeUsers(req.receiverUserIds() == null ? List.of() : req.receiverUserIds());
        if (users.isEmpty()) {
            // As in TTS, a notification nobody can receive is not stored; the action itself stands.
            LOG.info("notification " + req.notificationType() + " about user " + req.entityUserId()
                    + " has no receiving user; not stored");
            return;
        }
        store(EntityIds.user(req.entityUserId()), req.notificationType(), data,
                req.senderUserId() == null ? "" : req.senderUserId(), receivers, users, req.email());
    }

    /** List: newest first, filtered by status (empty = all), for the receiver only. */
    public Page<JsonObject> list(ListNotifications req) {
        rights.require(EntityIdentifiers.user(req.receiverUserId()), Right.RIGHT_USER_NOTIFICATIONS_READ);
        List<Short> statuses = req.statuses().stream().map(s -> (short) s.number()).toList();
        return store.page(userPk(req.receiverUserId()), statuses, req.paging()).map(NotificationJson::notification);
    }

    /**
     * UpdateStatus: sets the status and its time on the receiver's own rows for the given IDs; IDs that
     * do not exist or are addressed to someone else are ignored.
     */
    public void updateStatus(UpdateStatus req) {
        rights.require(EntityIdentifiers.user(req.receiverUserId()), Right.RIGHT_USER_NOTIFICATIONS_READ);
        store.updateStatus(userPk(req.receiverUserId()), req.ids(), (short) req.status().number(), Timestamps.now());
    }

    private String store(EntityIds entity, String type, JsonObject data, String sender,
                         Collection<NotificationReceiver> receivers, List<UserEntity> users, boolean email) {
        boolean sendEmail = email && EMAIL_TEMPLATES.contains(type);
        String id = UUID.randomUUID().toString();
        Instant now = Timestamps.now();
        store.insert(new NotificationEntity(id, now, entity, type, data == null ? null : data.toString(), sender,
                NotificationReceiver.encode(receivers), sendEmail), users.stream().map(UserEntity::getId).toList(), now);
        for (UserEntity u : users) {
            if (sendEmail) {
                mail.fire(new MailRequest(type, u.getPrimaryEmailAddress(), u.getName(),
                        mailValues(id, entity, type, data, sender, u), Map.of()));
            }
        }
        return id;
    }

    private Map<String, String> mailValues(String id, EntityIds entity, String type, JsonObject data, String sender,
                                           UserEntity receiver) {
        String console = config.string(KeywardConfig.Option.EMAIL_CONSOLE_URL);
        while (console.endsWith("/")) {
            console = console.substring(0, console.length() - 1);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("notification_id", id);
        values.put("notification_type", type);
        values.put("entity_type", entity.type());
        values.put("entity_id", entity.id());
        values.put("user_id", receiver.getUserId());
        values.put("receiver_user_id", receiver.getUserId());
        if (!sender.isEmpty()) {
            values.put("sender_user_id", sender);
        }
        values.put("console_url", console);
        values.put("notification_url", console + "/notifications/inbox/" + id);
        if (data != null) {
            // Top-level scalar fields of the data (key name, rights, new state, ...); nested
            // messages are left out, so nothing like a stored request reaches the text.
            for (Map.Entry<String, JsonValue> e : data.entrySet()) {
                String text = scalar(e.getValue());
                if (!e.getKey().equals("@type") && text != null) {
                    values.put("data." + e.getKey(), text);
                }
            }
        }
        return values;
    }

    private static String scalar(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER, TRUE, FALSE -> v.toString();
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                for (JsonValue item : (JsonArray) v) {
                    String s = scalar(item);
                    if (s == null) {
                        yield null;
                    }
                    items.add(s);
                }
                yield String.join(", ", items);
            }
            default -> null;
        };
    }

    /**
     * The server's own data, kept as raised except for secrets that must never be stored in a
     * notification: an API key's {@code key}, and the password fields of a stored CreateUserRequest
     * (TTS keeps the password hash there; API.md §15 quirk 11 recommends stripping it).
     */
    static JsonObject internalData(JsonObject data) {
        if (!data.containsKey("@type")) {
            LOG.warning("notification data without @type dropped");
            return null;
        }
        String type = data.getString("@type", "");
        jakarta.json.JsonObjectBuilder b = JsonP.object(NotificationJson.typeFirst(data));
        if (type.endsWith(".APIKey")) {
            b.remove("key");
        } else if (type.endsWith(".CreateUserRequest") && data.get("user") instanceof JsonObject user) {
            b.add("user", JsonP.object(user).remove("password").remove("temporary_password"));
        }
        return NotificationJson.typeFirst(b.build());
    }

    private List<UserEntity> activeUsers(List<String> userIds) {
        return users.findActive(new LinkedHashSet<>(userIds));
    }

    private Long userPk(String userId) {
        UserEntity user = users.find(userId, false);
        if (user == null) {
            // EntityRights already answered for a missing user; this is a concurrent deletion.
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return user.getId();
    }
}
