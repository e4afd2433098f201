package io.keyward.user;

import io.keyward.entity.EmailAddresses;
import io.keyward.entity.Ids;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.error.Validation;
import io.keyward.error.Validation.Step;
import io.keyward.wire.FieldMask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The message rules of the user requests (API.md §3), reported as TTS's generated validators report
 * them: a chain of {@code pkg/errors:validation} errors from the request message down to the failing
 * field, each naming its message ({@code UserValidationError}, ...). Validation stops at the first
 * failing field, in the order the fields are declared in the proto.
 */
final class UserValidation {
    static final int MAX_PICTURE_BYTES = 8 * 1024 * 1024;
    static final Map<String, List<String>> SORT_BY_VALUES = Map.of(
            "api_key", List.of("api_key_id", "-api_key_id", "name", "-name", "created_at", "-created_at", "expires_at", "-expires_at"),
            "application", List.of("application_id", "-application_id", "name", "-name", "created_at", "-created_at"),
            "collaborator", List.of("id", "-id", "rights", "-rights"),
            "end_device", List.of("device_id", "-device_id", "join_eui", "-join_eui", "dev_eui", "-dev_eui", "name", "-name",
                    "description", "-description", "created_at", "-created_at", "last_seen_at", "-last_seen_at"),
            "gateway", List.of("gateway_id", "-gateway_id", "gateway_eui", "-gateway_eui", "name", "-name", "created_at", "-created_at"),
            "organization", List.of("organization_id", "-organization_id", "name", "-name", "created_at", "-created_at"),
            "user", List.of("user_id", "-user_id", "name", "-name", "primary_email_address", "-primary_email_address",
                    "state", "-state", "admin", "-admin", "created_at", "-created_at"));
    /** Allowed {@code order} values of ListUsers and SearchUsers. */
    static final List<String> USER_ORDERS = List.of("", "user_id", "-user_id", "name", "-name", "primary_email_address",
            "-primary_email_address", "state", "-state", "admin", "-admin", "created_at", "-created_at");

    private static final Set<String> BLOCKLIST = readList("user-id-blocklist.txt");

    private UserValidation() {
    }

    /** A path of steps, extended as validation descends into nested messages. */
    record Where(List<Step> steps) {
        static Where of(String field, String message) {
            return new Where(List.of(new Step(field, message)));
        }

        Where then(String field, String message) {
            List<Step> s = new ArrayList<>(steps);
            s.add(new Step(field, message));
            return new Where(s);
        }

        KeywardException fail(String reason) {
            return Validation.chain(steps, reason);
        }
    }

    // ---------------------------------------------------------------- identifiers

    /** {@code user_id} inside a UserIdentifiers reached through {@code where} (which ends at the ids field). */
    static void userId(String id, Where ids) {
        String reason = Ids.violation(id, Ids.USER_ID);
        if (reason != null) {
            throw ids.then("user_id", "UserIdentifiers").fail(reason);
        }
    }

    /** For requests that are a bare UserIdentifiers (Delete, Restore, Purge): {@code pkg/ttnpb:identifiers}. */
    static void bareUserId(String id) {
        Ids.validateBareUserId(id);
    }

    static boolean isBlocked(String id, Set<String> extra) {
        return BLOCKLIST.contains(id) || extra.contains(id);
    }

    // ---------------------------------------------------------------- the User message

    /**
     * Validates the fields of {@code u} that {@code mask} selects (every field if {@code mask} is null),
     * in proto declaration order. {@code user} is the path to the User message itself.
     */
    static void user(UserInput u, Where user, FieldMask mask, boolean requireIds) {
        if (requireIds && !u.hasIds) {
            throw user.then("ids", "User").fail("value is required");
        }
        userId(u.userId, user.then("ids", "User"));
        if (selected(mask, "name") && runes(u.name) > 50) {
            throw user.then("name", "User").fail("value length must be at most 50 runes");
        }
        if (selected(mask, "description") && runes(u.description) > 2000) {
            throw user.then("description", "User").fail("value length must be at most 2000 runes");
        }
        if (selected(mask, "attributes")) {
            attributes(u.attributes, user.then("attributes", "User"), 10, 200);
        }
        if (selected(mask, "contact_info")) {
            if (u.contactInfo.size() > 10) {
                throw user.then("contact_info", "User").fail("value must contain no more than 10 item(s)");
            }
            for (int i = 0; i < u.contactInfo.size(); i++) {
                if (runes(u.contactInfo.get(i).value()) > 256) {
                    throw user.then("contact_info[" + i + "]", "User").then("value", "ContactInfo")
                            .fail("value length must be at most 256 runes");
                }
            }
        }
        if (selected(mask, "primary_email_address") && !EmailAddresses.isValid(u.primaryEmailAddress)) {
            throw user.then("primary_email_address", "User").fail("value must be a valid email address");
        }
        if (selected(mask, "password") && runes(u.password) > 1000) {
            throw user.then("password", "User").fail("value length must be at most 1000 runes");
        }
        if (selected(mask, "state_description") && runes(u.stateDescription) > 128) {
            throw user.then("state_description", "User").fail("value length must be at most 128 runes");
        }
        if (selected(mask, "temporary_password") && runes(u.temporaryPassword) > 1000) {
            throw user.then("temporary_password", "User").fail("value length must be at most 1000 runes");
        }
        if (selected(mask, "profile_picture") && u.profilePicture != null) {
            picture(u.profilePicture, user.then("profile_picture", "User"));
        }
        if (selected(mask, "console_preferences") && u.consolePreferences != null) {
            consolePreferences(u.consolePreferences, user.then("console_preferences", "User"));
        }
    }

    private static boolean selected(FieldMask mask, String top) {
        return mask == null || mask.touches(top);
    }

    /** A {@code map<string,string>} of attributes: pair count, key pattern and length, value length. */
    static void attributes(Map<String, String> attributes, Where where, int maxPairs, int maxValueRunes) {
        if (attributes.size() > maxPairs) {
            throw where.fail("value must contain no more than " + maxPairs + " pair(s)");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
            Where key = new Where(replaceLast(where, where.steps().get(where.steps().size() - 1).field() + "[" + e.getKey() + "]"));
            String reason = Ids.violation(e.getKey(), Ids.ENTITY_ID);
            if (reason != null) {
                throw key.fail(reason);
            }
            if (runes(e.getValue()) > maxValueRunes) {
                throw key.fail("value length must be at most " + maxValueRunes + " runes");
            }
        }
    }

    private static List<Step> replaceLast(Where w, String field) {
        List<Step> s = new ArrayList<>(w.steps());
        Step last = s.remove(s.size() - 1);
        s.add(new Step(field, last.message()));
        return s;
    }

    private static void picture(UserInput.Picture p, Where where) {
        if (p.embedded() != null) {
            Where e = where.then("embedded", "Picture");
            if (runes(p.embedded().mimeType()) > 32) {
                throw e.then("mime_type", "Picture_Embedded").fail("value length must be at most 32 runes");
            }
            if (p.embedded().data().length > MAX_PICTURE_BYTES) {
                throw e.then("data", "Picture_Embedded").fail("value length must be at most " + MAX_PICTURE_BYTES + " bytes");
            }
        }
        for (Map.Entry<Long, String> s : p.sizes().entrySet()) {
            if (!isUriReference(s.getValue())) {
                throw where.then("sizes[" + s.getKey() + "]", "Picture").fail("value must be a valid URI");
            }
        }
    }

    private static void consolePreferences(UserInput.ConsolePreferences c, Where where) {
        if (c.sortBy() != null) {
            Where s = where.then("sort_by", "UserConsolePreferences");
            for (String k : UserFields.SORT_BY_KEYS) {
                String v = c.sortBy().get(k);
                if (v != null && !v.isEmpty() && !SORT_BY_VALUES.get(k).contains(v)) {
                    List<String> allowed = new ArrayList<>();
                    allowed.add("");
                    allowed.addAll(SORT_BY_VALUES.get(k));
                    throw s.then(k, "UserConsolePreferences_SortBy").fail("value must be in list " + goList(allowed));
                }
            }
        }
    }

    /** Go's {@code %v} of a string slice: {@code [a b c]}. */
    static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** Go's url.Parse is lenient: only control characters and broken percent-escapes fail. */
    static boolean isUriReference(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // ---------------------------------------------------------------- helpers

    static int runes(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static Set<String> readList(String resource) {
        Set<String> out = new HashSet<>();
        try (InputStream in = UserValidation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return Set.copyOf(out);
    }
}
