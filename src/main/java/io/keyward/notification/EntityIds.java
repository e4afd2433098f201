package io.keyward.notification;

import io.keyward.entity.Ids;
import io.keyward.error.Validation;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonP;
import io.keyward.wire.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed, validated {@code EntityIdentifiers} oneof (API.md §3.3): the entity type ("user",
 * "application", ...), its ID, and the identifiers in their normalised JSON form (EUIs upper-case hex),
 * which is what is stored and returned.
 */
public record EntityIds(String type, String id, JsonObject json) {
    public static final String USER = "user";

    static final Pattern USER_ID = Ids.USER_ID;
    static final Pattern ENTITY_ID = Ids.ENTITY_ID;
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]*$");

    /** The oneof members in proto field order, with their entity type names. */
    private static final String[][] MEMBERS = {
            {"application_ids", "application"},
            {"client_ids", "client"},
            {"device_ids", "end device"},
            {"gateway_ids", "gateway"},
            {"organization_ids", "organization"},
            {"user_ids", USER},
    };

    public static EntityIds user(String userId) {
        return new EntityIds(USER, userId, JsonP.object()
                .add("user_ids", JsonP.object().add("user_id", userId)).build());
    }

    public boolean isUser() {
        return USER.equals(type);
    }

    /**
     * Parses the value of field {@code field} (e.g. {@code entity_ids}) of a request; {@code null}
     * when the field is absent. Validation failures name the path from {@code field} down.
     */
    public static EntityIds parse(JsonIn in, String field) {
        List<String[]> set = new ArrayList<>();
        List<JsonIn> values = new ArrayList<>();
        for (String[] m : MEMBERS) {
            in.object(m[0]).ifPresent(v -> {
                set.add(m);
                values.add(v);
            });
        }
        if (set.size() > 1) {
            throw WireFormatException.of("invalid value for oneof field " + field + ".ids: more than one member set");
        }
        if (set.isEmpty()) {
            throw Validation.invalid(field + ".ids", "value is required");
        }
        String member = set.get(0)[0];
        String type = set.get(0)[1];
        JsonIn v = values.get(0);
        String at = field + "." + member;
        JsonObjectBuilder ids = JsonP.object();
        String id;
        switch (member) {
            case "user_ids" -> {
                id = v.string("user_id");
                checkId(at + ".user_id", id, USER_ID);
                ids.add("user_id", id);
            }
            case "application_ids" -> {
                id = v.string("application_id");
                checkId(at + ".application_id", id, ENTITY_ID);
                ids.add("application_id", id);
            }
            case "client_ids" -> {
                id = v.string("client_id");
                checkId(at + ".client_id", id, ENTITY_ID);
                ids.add("client_id", id);
            }
            case "organization_ids" -> {
                id = v.string("organization_id");
                checkId(at + ".organization_id", id, ENTITY_ID);
                ids.add("organization_id", id);
            }
            case "gateway_ids" -> {
                id = v.string("gateway_id");
                checkId(at + ".gateway_id", id, ENTITY_ID);
                ids.add("gateway_id", id);
                addBytes(ids, v, "eui", 8, at);
            }
            case "device_ids" -> {
                id = v.string("device_id");
                checkId(at + ".device_id", id, ENTITY_ID);
                ids.add("device_id", id);
                JsonIn app = v.object("application_ids").orElseThrow(
                        () -> Validation.invalid(at + ".application_ids", "value is required"));
                String appId = app.string("application_id");
                checkId(at + ".application_ids.application_id", appId, ENTITY_ID);
                ids.add("application_ids", JsonP.object().add("application_id", appId));
                addBytes(ids, v, "dev_eui", 8, at);
                addBytes(ids, v, "join_eui", 8, at);
                addBytes(ids, v, "dev_addr", 4, at);
            }
            default -> throw new IllegalStateException(member);
        }
        return new EntityIds(type, id, JsonP.object().add(member, ids).build());
    }

    static void checkId(String field, String value, Pattern pattern) {
        Ids.validate(field, value, pattern);
    }

    /** EUIs and addresses: hex (any case) or base64 on input, upper-case hex on output. */
    private static void addBytes(JsonObjectBuilder out, JsonIn in, String name, int length, String at) {
        String s = in.string(name);
        if (s.isEmpty()) {
            return;
        }
        byte[] bytes = null;
        if (s.length() == 2 * length && HEX.matcher(s).matches()) {
            bytes = HexFormat.of().parseHex(s);
        } else {
            try {
                bytes = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                try {
                    bytes = Base64.getUrlDecoder().decode(s);
                } catch (IllegalArgumentException e2) {
                    bytes = null;
                }
            }
        }
        if (bytes == null || bytes.length != length) {
            throw WireFormatException.of("invalid value for field " + at + "." + name + ": \"" + s
                    + "\" is not " + length + " bytes of hex or base64");
        }
        out.add(name, HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT));
    }
}
