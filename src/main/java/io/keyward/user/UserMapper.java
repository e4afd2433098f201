package io.keyward.user;

import io.keyward.entity.State;
import io.keyward.wire.FieldMask;
import io.keyward.wire.JsonOut;
import io.keyward.wire.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire form of a stored user. {@link #full} is the whole message (never the password hash nor the
 * temporary password); {@link #read} applies a read field mask the way TTS does: {@code ids},
 * {@code created_at}, {@code updated_at} always, {@code deleted_at} when set, the requested paths (a
 * sub-path returns only that part of its message), {@code contact_info} synthesised from the primary
 * e-mail, public-only reduction, Gravatar fill and picture URL prefixing where the method asks for it.
 */
final class UserMapper {
    private static final int[] GRAVATAR_SIZES = {64, 128, 256, 512};

    private UserMapper() {
    }

    /** How a read presents the user. */
    record ReadOptions(boolean publicOnly, boolean gravatar, String pictureUrlPrefix) {
        static final ReadOptions LIST = new ReadOptions(false, false, null);
    }

    /** The user's attributes if the mask asks for them, else none (so that they are never loaded in vain). */
    static Map<String, String> attributesIfAsked(UserEntity u, FieldMask mask) {
        return mask.touches("attributes") ? u.getAttributes() : Map.of();
    }

    /**
     * Every field, in proto order, zero values left out; {@code console_preferences} always present.
     * The attributes are passed in so that reads which do not ask for them never load them.
     */
    static JsonObject full(UserEntity u, String pictureUrlPrefix, Map<String, String> attributes) {
        JsonOut out = JsonOut.object()
                .message("ids", JsonP.object().add("user_id", u.getUserId()).build())
                .timestamp("created_at", u.getCreatedAt())
                .timestamp("updated_at", u.getUpdatedAt())
                .timestamp("deleted_at", u.getDeletedAt())
                .string("name", u.getName())
                .string("description", u.getDescription())
                .stringMap("attributes", new TreeMap<>(attributes))
                .string("primary_email_address", u.getPrimaryEmailAddress())
                .timestamp("primary_email_address_validated_at", u.getPrimaryEmailAddressValidatedAt())
                .timestamp("password_updated_at", u.getPasswordUpdatedAt())
                .bool("require_password_update", u.isRequirePasswordUpdate())
                .enumValue("state", State.ofNumber(u.getState()))
                .string("state_description", u.getStateDescription())
                .bool("admin", u.isAdmin())
                .timestamp("temporary_password_created_at", u.getTemporaryPasswordCreatedAt())
                .timestamp("temporary_password_expires_at", u.getTemporaryPasswordExpiresAt());
        JsonObject picture = picture(u, pictureUrlPrefix);
        if (picture != null) {
            out.message("profile_picture", picture);
        }
        out.message("console_preferences", UserInput.storedJson(u.getConsolePreferences()));
        return out.build();
    }

    /** The answer of a read (Get, List, Search) for the given mask. */
    static JsonObject read(UserEntity u, FieldMask mask, Map<String, String> attributes, ReadOptions options) {
        List<String> paths = new ArrayList<>(mask.paths());
        boolean contactInfo = paths.remove("contact_info");
        if (contactInfo && !options.publicOnly()) {
            paths.add("primary_email_address");
            paths.add("primary_email_address_validated_at");
        }
        JsonObject full = full(u, options.pictureUrlPrefix(), attributes);
        if (options.gravatar() && !full.containsKey("profile_picture") && touches(paths, "profile_picture")) {
            JsonObject gravatar = gravatar(u.getPrimaryEmailAddress());
            if (gravatar != null) {
                full = JsonP.object(full).add("profile_picture", gravatar).build();
            }
        }
        for (String always : UserFields.ALWAYS) {
            paths.add(always);
        }
        paths.add("deleted_at");
        if (options.publicOnly()) {
            paths.removeIf(p -> !UserFields.isPublic(p));
        }
        JsonObjectBuilder out = JsonP.object(filter(full, paths));
        if (contactInfo && !options.publicOnly() && !u.getPrimaryEmailAddress().isEmpty()) {
            JsonObject entry = JsonOut.object()
                    .string("contact_method", ContactMethod.CONTACT_METHOD_EMAIL.fullName())
                    .string("value", u.getPrimaryEmailAddress())
                    .timestamp("validated_at", u.getPrimaryEmailAddressValidatedAt())
                    .build();
            out.add("contact_info", JsonP.array().add(entry));
        }
        return out.build();
    }

    /** The fields of {@code source} selected by {@code paths}, keeping the source order. */
    static JsonObject filter(JsonObject source, List<String> paths) {
        JsonObjectBuilder out = JsonP.object();
        for (Map.Entry<String, JsonValue> e : source.entrySet()) {
            String key = e.getKey();
            if (paths.contains(key)) {
                out.add(key, e.getValue());
                continue;
            }
            List<String> sub = new ArrayList<>();
            for (String p : paths) {
                if (p.startsWith(key + ".")) {
                    sub.add(p.substring(key.length() + 1));
                }
            }
            if (!sub.isEmpty() && e.getValue().getValueType() == JsonValue.ValueType.OBJECT) {
                out.add(key, filter(e.getValue().asJsonObject(), sub));
            }
        }
        return out.build();
    }

    private static boolean touches(List<String> paths, String field) {
        for (String p : paths) {
            if (p.equals(field) || p.startsWith(field + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The stored picture, relative size URLs prefixed with the bucket URL when a prefix is given. */
    private static JsonObject picture(UserEntity u, String prefix) {
        if (u.getProfilePicture() == null || u.getProfilePicture().isEmpty()) {
            return null;
        }
        JsonObject stored = UserInput.storedJson(u.getProfilePicture());
        if (prefix == null || !stored.containsKey("sizes")) {
            return stored;
        }
        JsonObjectBuilder sizes = JsonP.object();
        for (Map.Entry<String, JsonValue> s : stored.getJsonObject("sizes").entrySet()) {
            String url = UserInput.string(s.getValue());
            if (!url.contains("://")) {
                url = prefix.replaceAll("/+$", "") + "/" + url.replaceAll("^/+", "");
            }
            sizes.add(s.getKey(), url);
        }
        return JsonP.object(stored).add("sizes", sizes).build();
    }

    /** Gravatar URLs for a user without a picture (Get only, API.md §3.5). */
    static JsonObject gravatar(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String hash;
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        JsonObjectBuilder sizes = JsonP.object();
        for (int size : GRAVATAR_SIZES) {
            sizes.add(Integer.toString(size), "https://www.gravatar.com/avatar/" + hash + "?s=" + size + "&d=404");
        }
        return JsonP.object().add("sizes", sizes).build();
    }
}
