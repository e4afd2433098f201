package io.keyward.migration;

import io.keyward.crypto.PasswordHasher;
import io.keyward.crypto.Secrets;
import io.keyward.entity.EmailAddresses;
import io.keyward.entity.Ids;
import io.keyward.entity.State;
import io.keyward.notification.NotificationReceiver;
import io.keyward.notification.NotificationStatus;
import io.keyward.rights.Right;
import io.keyward.rights.RightsColumn;
import io.keyward.user.ConsoleTheme;
import io.keyward.user.DashboardLayout;
import io.keyward.wire.JsonP;
import io.keyward.wire.ProtoEnum;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * TTS rows to Keyward rows, with Keyward's rules applied: pure functions, no database. A user that breaks
 * a rule is refused as a whole ({@link Refused}, with the reason), so that no user is ever imported without
 * some of its rows.
 */
final class TtsMapping {
    /** The TTS default of is.user-registration.invitation.token-ttl: the expiry of an invitation stored without one. */
    static final Duration DEFAULT_INVITATION_TTL = Duration.ofHours(168);

    private TtsMapping() {
    }

    /** Why a user (or invitation) cannot be imported as it is. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    record User(String userId, LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime deletedAt, String name,
                String description, String email, String activeEmail, LocalDateTime emailValidatedAt,
                String passwordHash, LocalDateTime passwordUpdatedAt, boolean requirePasswordUpdate, int state,
                String stateDescription, boolean admin, String temporaryPasswordHash,
                LocalDateTime temporaryPasswordCreatedAt, LocalDateTime temporaryPasswordExpiresAt,
                String profilePicture, String consolePreferences) {
    }

    record ApiKey(String keyId, String secretHash, String name, String rights, LocalDateTime createdAt,
                  LocalDateTime updatedAt, LocalDateTime expiresAt) {
    }

    record Notification(String id, LocalDateTime createdAt, String entityType, String entityId, String entityIds,
                        String type, String data, String senderUserId, String receivers, boolean email) {
    }

    record Receipt(Notification notification, int status, LocalDateTime statusUpdatedAt) {
    }

    /** A user and every row of it, ready to be written together. */
    record UserWithRows(User user, Map<String, String> attributes, List<ApiKey> apiKeys, List<Receipt> receipts) {
    }

    record Invitation(String email, String token, String tokenHash, LocalDateTime expiresAt, LocalDateTime createdAt,
                      LocalDateTime updatedAt) {
    }

    static UserWithRows map(TtsRows.UserWithRows src) throws Refused {
        TtsRows.User u = src.user();
        String idViolation = Ids.violation(u.userId(), Ids.USER_ID);
        if (idViolation != null) {
            throw new Refused("user_id: " + idViolation);
        }
        String email = nullToEmpty(u.email());
        if (!EmailAddresses.isValid(email)) {
            throw new Refused("primary_email_address: " + EmailAddresses.INVALID_REASON);
        }
        checkLength("name", u.name(), 50);
        checkLength("description", u.description(), 2000);
        checkLength("state_description", u.stateDescription(), 128);
        if (!isDefined(State.class, u.state())) {
            throw new Refused("state: " + u.state() + " is not a defined State");
        }
        User user = new User(u.userId(), u.createdAt(), u.updatedAt(), u.deletedAt(), nullToEmpty(u.name()),
                nullToEmpty(u.description()), email, u.deletedAt() == null ? email.toLowerCase(Locale.ROOT) : null,
                u.emailValidatedAt(), nullToEmpty(u.password()), u.passwordUpdatedAt(), u.requirePasswordUpdate(),
                u.state(), nullToEmpty(u.stateDescription()), u.admin(), temporaryPasswordHash(u.temporaryPassword()),
                u.temporaryPasswordCreatedAt(), u.temporaryPasswordExpiresAt(), picture(u.picture()),
                consolePreferences(u.consolePreferences()));

        Map<String, String> attributes = new TreeMap<>();
        for (Map.Entry<String, String> a : src.attributes().entrySet()) {
            String keyViolation = Ids.violation(a.getKey(), Ids.ENTITY_ID);
            if (keyViolation != null) {
                throw new Refused("attributes key \"" + a.getKey() + "\": " + keyViolation);
            }
            checkLength("attributes[" + a.getKey() + "]", a.getValue(), 200);
            attributes.put(a.getKey(), nullToEmpty(a.getValue()));
        }

        List<ApiKey> keys = new ArrayList<>();
        for (TtsRows.ApiKey k : src.apiKeys()) {
            keys.add(apiKey(k));
        }
        List<Receipt> receipts = new ArrayList<>();
        for (TtsRows.Receipt r : src.receipts()) {
            if (!isDefined(NotificationStatus.class, r.status())) {
                throw new Refused("notification " + r.notification().id() + ": status " + r.status() + " is not defined");
            }
            receipts.add(new Receipt(notification(r.notification()), r.status(), r.statusUpdatedAt()));
        }
        return new UserWithRows(user, attributes, keys, receipts);
    }

    static ApiKey apiKey(TtsRows.ApiKey k) throws Refused {
        String keyId = nullToEmpty(k.keyId());
        if (keyId.isEmpty() || keyId.length() > 64) {
            throw new Refused("api key \"" + keyId + "\": the key ID must have 1 to 64 characters");
        }
        String hash = nullToEmpty(k.hash());
        if (hash.split("\\$", -1).length != 5) {
            // Keyward verifies a key only through a readable hash; one it cannot read would never authenticate.
            throw new Refused("api key " + keyId + ": its stored hash is not in TTS's PBKDF2 format");
        }
        checkLength("api key " + keyId + " name", k.name(), 50);
        return new ApiKey(keyId, hash, nullToEmpty(k.name()), rights(keyId, k.rights()), k.createdAt(), k.updatedAt(),
                k.expiresAt());
    }

    /** The rights column: comma-separated proto numbers, each a right Keyward knows. */
    static String rights(String keyId, Integer[] numbers) throws Refused {
        List<Right> rights = new ArrayList<>();
        if (numbers != null) {
            for (Integer n : numbers) {
                Right r = n == null ? null : defined(Right.class, n);
                if (r == null) {
                    throw new Refused("api key " + keyId + ": right " + n + " is not a defined Right");
                }
                rights.add(r);
            }
        }
        return RightsColumn.format(rights);
    }

    /**
     * A temporary password as TTS stored it: normally a PBKDF2 hash, kept verbatim; an admin-set one TTS
     * stored in clear (API.md: TTS stores an admin-supplied temporary password unhashed) is hashed here,
     * since Keyward keeps no secret in clear.
     */
    static String temporaryPasswordHash(String stored) {
        if (stored == null || stored.isEmpty()) {
            return "";
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length == 5 && parts[0].equalsIgnoreCase("PBKDF2")) {
            return stored;
        }
        return PasswordHasher.hash(stored);
    }

    static Notification notification(TtsRows.Notification n) throws Refused {
        String uid = nullToEmpty(n.entityUid());
        JsonObjectBuilder ids = JsonP.object();
        String type;
        String entityId = uid;
        switch (nullToEmpty(n.entityType())) {
            case "application" -> {
                type = "application";
                ids.add("application_ids", JsonP.object().add("application_id", uid));
            }
            case "client" -> {
                type = "client";
                ids.add("client_ids", JsonP.object().add("client_id", uid));
            }
            case "end_device", "end device" -> {
                // TTS keeps an end device's human-readable ID as "<application_id>.<device_id>".
                int dot = uid.indexOf('.');
                if (dot < 0) {
                    throw new Refused("notification " + n.id() + ": end device \"" + uid + "\" has no application ID");
                }
                type = "end device";
                entityId = uid.substring(dot + 1);
                ids.add("device_ids", JsonP.object().add("device_id", entityId)
                        .add("application_ids", JsonP.object().add("application_id", uid.substring(0, dot))));
            }
            case "gateway" -> {
                type = "gateway";
                ids.add("gateway_ids", JsonP.object().add("gateway_id", uid));
            }
            case "organization" -> {
                type = "organization";
                ids.add("organization_ids", JsonP.object().add("organization_id", uid));
            }
            case "user" -> {
                type = "user";
                ids.add("user_ids", JsonP.object().add("user_id", uid));
            }
            default -> throw new Refused("notification " + n.id() + ": unknown entity type \"" + n.entityType() + "\"");
        }
        if (entityId.isEmpty() || entityId.length() > 36) {
            throw new Refused("notification " + n.id() + ": entity ID \"" + entityId + "\" is not 1 to 36 characters");
        }
        String typeName = nullToEmpty(n.type());
        if (typeName.isEmpty() || typeName.length() > 400) {
            throw new Refused("notification " + n.id() + ": notification_type must have 1 to 400 characters");
        }
        List<NotificationReceiver> receivers = new ArrayList<>();
        if (n.receivers() != null) {
            for (Integer r : n.receivers()) {
                NotificationReceiver receiver = r == null ? null : defined(NotificationReceiver.class, r);
                if (receiver == null) {
                    throw new Refused("notification " + n.id() + ": receiver " + r + " is not a defined NotificationReceiver");
                }
                receivers.add(receiver);
            }
        }
        return new Notification(n.id(), n.createdAt(), type, entityId, ids.build().toString(), typeName,
                notificationData(n.id(), n.data()), nullToEmpty(n.senderUid()), NotificationReceiver.encode(receivers),
                n.email());
    }

    /**
     * The notification's {@code google.protobuf.Any} as Keyward stores it: JSON with {@code "@type"} first.
     * TTS keeps it in a jsonb column, which orders keys by length, so {@code "@type"} may come later there.
     */
    static String notificationData(String notificationId, String jsonb) throws Refused {
        if (jsonb == null || jsonb.isBlank() || jsonb.equals("null")) {
            return null;
        }
        JsonObject data = parseObject(jsonb, "notification " + notificationId + " data");
        JsonObjectBuilder out = JsonP.object();
        if (data.containsKey("@type")) {
            out.add("@type", data.get("@type"));
        }
        data.forEach((k, v) -> {
            if (!k.equals("@type")) {
                out.add(k, v);
            }
        });
        return out.build().toString();
    }

    /**
     * TTS's {@code users.console_preferences}: the UserConsolePreferences message as JSON with proto names and
     * enum numbers. Keyward stores it with enum names and without zero values.
     */
    static String consolePreferences(byte[] stored) throws Refused {
        if (stored == null || stored.length == 0) {
            return null;
        }
        JsonObject in = parseObject(new String(stored, StandardCharsets.UTF_8), "console_preferences");
        JsonObjectBuilder out = JsonP.object();
        ConsoleTheme theme = enumValue(ConsoleTheme.class, in.get("console_theme"), "console_preferences.console_theme");
        if (theme != null && theme != ConsoleTheme.CONSOLE_THEME_SYSTEM) {
            out.add("console_theme", theme.fullName());
        }
        if (in.get("dashboard_layouts") instanceof JsonObject layouts) {
            JsonObjectBuilder l = JsonP.object();
            for (Map.Entry<String, JsonValue> e : layouts.entrySet()) {
                DashboardLayout layout = enumValue(DashboardLayout.class, e.getValue(),
                        "console_preferences.dashboard_layouts." + e.getKey());
                if (layout != null && layout != DashboardLayout.DASHBOARD_LAYOUT_TABLE) {
                    l.add(e.getKey(), layout.fullName());
                }
            }
            out.add("dashboard_layouts", l);
        }
        if (in.get("sort_by") instanceof JsonObject sortBy) {
            JsonObjectBuilder s = JsonP.object();
            for (Map.Entry<String, JsonValue> e : sortBy.entrySet()) {
                if (e.getValue() instanceof JsonString v) {
                    s.add(e.getKey(), v.getString());
                }
            }
            out.add("sort_by", s);
        }
        return out.build().toString();
    }

    /**
     * TTS's {@code pictures.data}: the {@code ttn.lorawan.v3.Picture} message in protobuf's binary encoding
     * (embedded = 1 {mime_type = 1, data = 2}, sizes = 2 as map<uint32, string>). Keyward stores the same
     * message as JSON (embedded data in base64, sizes keyed by decimal size), URLs as they were: relative
     * ones get is.profile-picture.bucket-url in front when read, as in TTS.
     */
    static String picture(byte[] proto) throws Refused {
        if (proto == null) {
            return null;
        }
        try {
            Proto in = new Proto(proto);
            String mimeType = null;
            byte[] data = null;
            boolean embedded = false;
            Map<Long, String> sizes = new TreeMap<>();
            while (in.more()) {
                int tag = in.varintInt();
                if (tag == (1 << 3 | 2)) {
                    embedded = true;
                    Proto e = new Proto(in.bytes());
                    while (e.more()) {
                        int t = e.varintInt();
                        if (t == (1 << 3 | 2)) {
                            mimeType = new String(e.bytes(), StandardCharsets.UTF_8);
                        } else if (t == (2 << 3 | 2)) {
                            data = e.bytes();
                        } else {
                            e.skip(t);
                        }
                    }
                } else if (tag == (2 << 3 | 2)) {
                    Proto entry = new Proto(in.bytes());
                    long size = 0;
                    String url = "";
                    while (entry.more()) {
                        int t = entry.varintInt();
                        if (t == (1 << 3)) {
                            size = entry.varint() & 0xFFFF_FFFFL;
                        } else if (t == (2 << 3 | 2)) {
                            url = new String(entry.bytes(), StandardCharsets.UTF_8);
                        } else {
                            entry.skip(t);
                        }
                    }
                    sizes.put(size, url);
                } else {
                    in.skip(tag);
                }
            }
            if (!embedded && sizes.isEmpty()) {
                return null;
            }
            JsonObjectBuilder out = JsonP.object();
            if (embedded) {
                JsonObjectBuilder e = JsonP.object();
                if (mimeType != null && !mimeType.isEmpty()) {
                    e.add("mime_type", mimeType);
                }
                if (data != null && data.length > 0) {
                    e.add("data", Base64.getEncoder().encodeToString(data));
                }
                out.add("embedded", e);
            }
            if (!sizes.isEmpty()) {
                JsonObjectBuilder s = JsonP.object();
                sizes.forEach((k, v) -> s.add(Long.toString(k), v));
                out.add("sizes", s);
            }
            return out.build().toString();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new Refused("profile_picture: not a readable Picture message");
        }
    }

    /**
     * An invitation not yet accepted. One without expiry gets TTS's default lifetime from its creation;
     * an expired one returns null (nothing to carry over).
     */
    static Invitation invitation(TtsRows.Invitation i, LocalDateTime now) throws Refused {
        String email = nullToEmpty(i.email());
        if (!EmailAddresses.isValid(email) || email.length() > 254) {
            throw new Refused("email: " + EmailAddresses.INVALID_REASON);
        }
        String token = nullToEmpty(i.token());
        if (token.isEmpty() || token.length() > 64) {
            throw new Refused("token: must have 1 to 64 characters");
        }
        LocalDateTime expires = i.expiresAt() != null ? i.expiresAt() : i.createdAt().plus(DEFAULT_INVITATION_TTL);
        if (!expires.isAfter(now)) {
            return null;
        }
        return new Invitation(email, token, Secrets.sha256(token), expires, i.createdAt(), i.updatedAt());
    }

    private static void checkLength(String field, String value, int max) throws Refused {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new Refused(field + ": value length must be at most " + max + " runes");
        }
    }

    private static <E extends Enum<E> & ProtoEnum> boolean isDefined(Class<E> type, int number) {
        return defined(type, number) != null;
    }

    private static <E extends Enum<E> & ProtoEnum> E defined(Class<E> type, int number) {
        for (E c : type.getEnumConstants()) {
            if (c.number() == number) {
                return c;
            }
        }
        return null;
    }

    /** An enum in TTS's stored JSON: a number (what TTS writes) or a name; null when absent. */
    private static <E extends Enum<E> & ProtoEnum> E enumValue(Class<E> type, JsonValue v, String field) throws Refused {
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        E e = null;
        if (v instanceof JsonNumber n && n.isIntegral()) {
            e = defined(type, n.intValue());
        } else if (v instanceof JsonString s) {
            for (E c : type.getEnumConstants()) {
                if (c.fullName().equals(s.getString())) {
                    e = c;
                }
            }
        }
        if (e == null) {
            throw new Refused(field + ": " + v + " is not a defined " + type.getSimpleName());
        }
        return e;
    }

    private static JsonObject parseObject(String json, String what) throws Refused {
        try (var r = JsonP.reader(new StringReader(json))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new Refused(what + ": not a JSON object");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Just enough of protobuf's wire format to read a Picture. */
    private static final class Proto {
        private final byte[] b;
        private int pos;

        Proto(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return pos < b.length;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        int varintInt() {
            long v = varint();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tag out of range");
            }
            return (int) v;
        }

        byte[] bytes() {
            int n = varintInt();
            if (n > b.length - pos) {
                throw new IllegalArgumentException("truncated field");
            }
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported wire type");
            }
            if (pos > b.length) {
                throw new IllegalArgumentException("truncated field");
            }
        }
    }
}
