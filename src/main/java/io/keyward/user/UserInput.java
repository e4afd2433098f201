package io.keyward.user;

import io.keyward.entity.State;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonP;
import io.keyward.wire.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code User} message as a request carries it, decoded the way TTS decodes JSON: every field is
 * read (so a wrongly typed value is a plain 400 before any rule runs), absent fields hold their zero
 * value, unknown keys are ignored. Validation is {@link UserValidation}'s job.
 */
final class UserInput {
    /** {@code ids} present at all (Create requires it). */
    boolean hasIds;
    String userId = "";
    String name = "";
    String description = "";
    Map<String, String> attributes = new LinkedHashMap<>();
    List<ContactInfo> contactInfo = new ArrayList<>();
    String primaryEmailAddress = "";
    Instant primaryEmailAddressValidatedAt;
    String password = "";
    boolean requirePasswordUpdate;
    State state = State.STATE_REQUESTED;
    String stateDescription = "";
    boolean admin;
    String temporaryPassword = "";
    Instant temporaryPasswordCreatedAt;
    Instant temporaryPasswordExpiresAt;
    /** null when not set. */
    Picture profilePicture;
    /** null when not set. */
    ConsolePreferences consolePreferences;

    record ContactInfo(ContactType type, ContactMethod method, String value, boolean isPublic, Instant validatedAt) {
    }

    /** {@code Picture}: the embedded image (null if absent) and the size → URL map. */
    record Picture(Embedded embedded, Map<Long, String> sizes) {
        JsonObject toJson() {
            JsonObjectBuilder b = JsonP.object();
            if (embedded != null) {
                JsonObjectBuilder e = JsonP.object();
                if (!embedded.mimeType().isEmpty()) {
                    e.add("mime_type", embedded.mimeType());
                }
                if (embedded.data().length > 0) {
                    e.add("data", Base64.getEncoder().encodeToString(embedded.data()));
                }
                b.add("embedded", e);
            }
            if (!sizes.isEmpty()) {
                JsonObjectBuilder s = JsonP.object();
                sizes.forEach((k, v) -> s.add(Long.toString(k), v));
                b.add("sizes", s);
            }
            return b.build();
        }
    }

    record Embedded(String mimeType, byte[] data) {
    }

    /**
     * {@code UserConsolePreferences}. The two sub-messages are null when unset; their maps hold the
     * entries that were given (zero values included, so that validation sees them).
     */
    record ConsolePreferences(ConsoleTheme theme, Map<String, DashboardLayout> dashboardLayouts,
                              Map<String, String> sortBy) {
        /** The stored/wire form: zero values left out, set sub-messages kept even when empty. */
        JsonObject toJson() {
            JsonObjectBuilder b = JsonP.object();
            if (theme != ConsoleTheme.CONSOLE_THEME_SYSTEM) {
                b.add("console_theme", theme.fullName());
            }
            if (dashboardLayouts != null) {
                b.add("dashboard_layouts", layoutsJson(dashboardLayouts));
            }
            if (sortBy != null) {
                b.add("sort_by", sortByJson(sortBy));
            }
            return b.build();
        }

        static JsonObject layoutsJson(Map<String, DashboardLayout> layouts) {
            JsonObjectBuilder d = JsonP.object();
            for (String k : UserFields.DASHBOARD_KEYS) {
                DashboardLayout l = layouts.get(k);
                if (l != null && l != DashboardLayout.DASHBOARD_LAYOUT_TABLE) {
                    d.add(k, l.fullName());
                }
            }
            return d.build();
        }

        static JsonObject sortByJson(Map<String, String> sortBy) {
            JsonObjectBuilder d = JsonP.object();
            for (String k : UserFields.SORT_BY_KEYS) {
                String v = sortBy.get(k);
                if (v != null && !v.isEmpty()) {
                    d.add(k, v);
                }
            }
            return d.build();
        }
    }

    /** Decodes a {@code User} object; {@code in} may be null (the message is absent). */
    static UserInput parse(JsonIn in) {
        UserInput u = new UserInput();
        if (in == null) {
            return u;
        }
        in.object("ids").ifPresent(ids -> {
            u.hasIds = true;
            u.userId = ids.string("user_id");
            ids.string("email");
        });
        // Output-only timestamps are decoded (a malformed one is a 400) and then ignored.
        in.timestamp("created_at");
        in.timestamp("updated_at");
        in.timestamp("deleted_at");
        u.name = in.string("name");
        u.description = in.string("description");
        u.attributes = in.stringMap("attributes");
        for (JsonIn c : in.objects("contact_info")) {
            u.contactInfo.add(new ContactInfo(
                    c.enumValue("contact_type", ContactType.class).orElse(ContactType.CONTACT_TYPE_OTHER),
                    c.enumValue("contact_method", ContactMethod.class).orElse(ContactMethod.CONTACT_METHOD_OTHER),
                    c.string("value"), c.bool("public"), c.timestamp("validated_at").orElse(null)));
        }
        u.primaryEmailAddress = in.string("primary_email_address");
        u.primaryEmailAddressValidatedAt = in.timestamp("primary_email_address_validated_at").orElse(null);
        u.password = in.string("password");
        in.timestamp("password_updated_at");
        u.requirePasswordUpdate = in.bool("require_password_update");
        u.state = in.enumValue("state", State.class).orElse(State.STATE_REQUESTED);
        u.stateDescription = in.string("state_description");
        u.admin = in.bool("admin");
        u.temporaryPassword = in.string("temporary_password");
        u.temporaryPasswordCreatedAt = in.timestamp("temporary_password_created_at").orElse(null);
        u.temporaryPasswordExpiresAt = in.timestamp("temporary_password_expires_at").orElse(null);
        u.profilePicture = in.object("profile_picture").map(UserInput::picture).orElse(null);
        u.consolePreferences = in.object("console_preferences").map(UserInput::consolePreferences).orElse(null);
        return u;
    }

    private static Picture picture(JsonIn p) {
        Embedded embedded = p.object("embedded").map(e -> new Embedded(e.string("mime_type"), bytes(e, "data"))).orElse(null);
        Map<Long, String> sizes = new TreeMap<>();
        for (Map.Entry<String, String> e : p.stringMap("sizes").entrySet()) {
            long size;
            try {
                size = Long.parseLong(e.getKey());
            } catch (NumberFormatException x) {
                throw WireFormatException.of("invalid key for map field profile_picture.sizes: \"" + e.getKey() + "\"");
            }
            if (size < 0 || size > 0xFFFF_FFFFL) {
                throw WireFormatException.of("invalid key for map field profile_picture.sizes: \"" + e.getKey() + "\"");
            }
            sizes.put(size, e.getValue());
        }
        return new Picture(embedded, sizes);
    }

    /** {@code bytes}: standard or URL-safe base64, padded or not. */
    private static byte[] bytes(JsonIn in, String name) {
        String s = in.string(name);
        if (s.isEmpty()) {
            return new byte[0];
        }
        String normalized = s.replace('-', '+').replace('_', '/');
        int pad = normalized.indexOf('=');
        if (pad >= 0) {
            normalized = normalized.substring(0, pad);
        }
        try {
            return Base64.getDecoder().decode(normalized);
        } catch (IllegalArgumentException e) {
            throw WireFormatException.of("invalid value for bytes field " + name + ": illegal base64 data");
        }
    }

    private static ConsolePreferences consolePreferences(JsonIn c) {
        ConsoleTheme theme = c.enumValue("console_theme", ConsoleTheme.class).orElse(ConsoleTheme.CONSOLE_THEME_SYSTEM);
        Map<String, DashboardLayout> layouts = c.object("dashboard_layouts").map(d -> {
            Map<String, DashboardLayout> m = new LinkedHashMap<>();
            for (String k : UserFields.DASHBOARD_KEYS) {
                d.enumValue(k, DashboardLayout.class).ifPresent(v -> m.put(k, v));
            }
            return m;
        }).orElse(null);
        Map<String, String> sortBy = c.object("sort_by").map(d -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (String k : UserFields.SORT_BY_KEYS) {
                String v = d.string(k);
                if (d.value(k).isPresent()) {
                    m.put(k, v);
                }
            }
            return m;
        }).orElse(null);
        return new ConsolePreferences(theme, layouts, sortBy);
    }

    /** Reads a stored console-preferences JSON back (it was written by {@link ConsolePreferences#toJson}). */
    static JsonObject storedJson(String json) {
        if (json == null || json.isEmpty()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var r = JsonP.reader(new java.io.StringReader(json))) {
            return r.readObject();
        }
    }

    static String string(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : "";
    }
}
