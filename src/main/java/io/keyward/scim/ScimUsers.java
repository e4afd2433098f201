package io.keyward.scim;

import io.keyward.entity.Ids;
import io.keyward.user.UserProvisioning.Account;
import io.keyward.user.UserProvisioning.Filter;
import io.keyward.user.UserProvisioning.Profile;
import io.keyward.wire.JsonP;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SCIM User resource (RFC 7643 §4.1) of a Keyward user: {@code id} and {@code userName} are the user
 * ID, {@code displayName} and {@code name.formatted} the name, the one {@code emails} entry (work, primary)
 * the primary address, {@code active} STATE_APPROVED, {@code externalId} the SSO link's subject,
 * {@code groups} the admin group for admins. Attributes Keyward does not keep are accepted and ignored,
 * as identity providers send many of them.
 */
final class ScimUsers {
    private ScimUsers() {
    }

    static JsonObject resource(Account a, String base, ScimGroups.Group adminGroup) {
        String location = base + "/Users/" + a.userId();
        JsonObjectBuilder b = JsonP.object()
                .add("schemas", JsonP.array().add(ScimJson.USER))
                .add("id", a.userId());
        if (a.externalId() != null) {
            b.add("externalId", a.externalId());
        }
        b.add("userName", a.userId())
                .add("name", JsonP.object().add("formatted", a.name()))
                .add("displayName", a.name())
                .add("active", a.active());
        if (!a.email().isEmpty()) {
            b.add("emails", JsonP.array().add(JsonP.object().add("value", a.email()).add("type", "work").add("primary", true)));
        }
        if (a.admin()) {
            b.add("groups", JsonP.array().add(JsonP.object().add("value", adminGroup.id())
                    .add("display", adminGroup.displayName()).add("$ref", base + "/Groups/" + adminGroup.id())));
        }
        return b.add("meta", ScimJson.meta("User", a.createdAt(), a.updatedAt(), location)).build();
    }

    /**
     * The user ID a {@code userName} names: SCIM user names are case-insensitive, so lower-cased; one that
     * cannot be a user ID is refused here with the reason, rather than changed into another name.
     */
    static String userId(String userName) {
        if (userName == null || userName.isEmpty()) {
            throw ScimException.invalidValue("userName is required");
        }
        String id = userName.toLowerCase(Locale.ROOT);
        String violation = Ids.violation(id, Ids.USER_ID);
        if (violation != null) {
            throw ScimException.invalidValue("userName \"" + userName + "\" cannot be a Keyward user ID (" + violation
                    + "): 2 to 36 letters, digits and single dashes, starting and ending with a letter or digit;"
                    + " map userName at the identity provider to such a value");
        }
        return id;
    }

    /** The profile of a POST (create) or PUT (replace) body. */
    static Profile profile(JsonObject body, boolean create) {
        String userId = userId(ScimJson.string(body, "userName"));
        String name = name(body);
        String email = email(ScimJson.get(body, "emails"));
        if (create && email == null) {
            throw ScimException.invalidValue("emails: a Keyward user needs an e-mail address");
        }
        Boolean active = ScimJson.bool(ScimJson.get(body, "active"), "active");
        if (create && active == null) {
            active = true;
        }
        String externalId = ScimJson.string(body, "externalId");
        if (create && name == null) {
            name = "";
        }
        return new Profile(userId, name, email, active, externalId);
    }

    /** displayName, else name.formatted, else given and family name. */
    private static String name(JsonObject o) {
        String display = ScimJson.string(o, "displayName");
        if (display != null && !display.isBlank()) {
            return display.trim();
        }
        JsonValue n = ScimJson.get(o, "name");
        if (n == null || n.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        JsonObject name = ScimJson.object(n, "name");
        String formatted = ScimJson.string(name, "formatted");
        if (formatted != null && !formatted.isBlank()) {
            return formatted.trim();
        }
        return join(ScimJson.string(name, "givenName"), ScimJson.string(name, "familyName"));
    }

    private static String join(String given, String family) {
        String g = given == null ? "" : given.trim();
        String f = family == null ? "" : family.trim();
        String joined = (g + " " + f).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** The primary entry's value, else the work one's, else the first's; null without any. */
    static String email(JsonValue emails) {
        if (emails == null || emails.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(emails instanceof JsonArray list)) {
            throw ScimException.invalidValue("emails must be an array");
        }
        JsonObject chosen = null;
        int rank = 3;
        for (JsonValue v : list) {
            JsonObject e = ScimJson.object(v, "emails[]");
            int r = Boolean.TRUE.equals(ScimJson.bool(ScimJson.get(e, "primary"), "primary")) ? 0
                    : "work".equalsIgnoreCase(ScimJson.string(e, "type")) ? 1 : 2;
            if (r < rank) {
                rank = r;
                chosen = e;
            }
        }
        return chosen == null ? null : ScimJson.string(chosen, "value");
    }

    // ------------------------------------------------------------------ PATCH (RFC 7644 §3.5.2)

    /** The user's state being patched. */
    private static final class Draft {
        final String userId;
        String name;
        String given;
        String family;
        /** displayName or name.formatted was given: it wins over the name's parts. */
        boolean nameSet;
        boolean partsSet;
        String email;
        Boolean active;
        String externalId;

        Draft(Account a) {
            userId = a.userId();
            name = a.name();
            int space = name.indexOf(' ');
            given = space < 0 ? name : name.substring(0, space);
            family = space < 0 ? "" : name.substring(space + 1);
            email = a.email();
            active = a.active();
            externalId = a.externalId() == null ? "" : a.externalId();
        }
    }

    /** The profile after the operations of a PatchOp body. */
    static Profile patch(Account current, JsonObject body) {
        Draft d = new Draft(current);
        ScimPatch.apply(body, (kind, path, value) -> apply(d, kind, path, value));
        if (!d.nameSet && d.partsSet) {
            String joined = join(d.given, d.family);
            d.name = joined == null ? "" : joined;
        }
        return new Profile(d.userId, d.name, d.email, d.active, d.externalId);
    }

    private static void apply(Draft d, String op, String rawPath, JsonValue value) {
        String path = ScimJson.attribute(rawPath);
        boolean remove = op.equals("remove");
        switch (path) {
            case "username" -> {
                if (remove || !userId(ScimJson.string(value, "userName")).equals(d.userId)) {
                    throw ScimException.mutability("userName is the Keyward user ID and cannot change");
                }
            }
            case "displayname", "name.formatted" -> {
                String v = remove ? "" : ScimJson.string(value, rawPath);
                d.name = v == null ? "" : v.trim();
                d.nameSet = true;
            }
            case "name.givenname" -> {
                d.given = remove ? "" : ScimJson.string(value, rawPath);
                d.partsSet = true;
            }
            case "name.familyname" -> {
                d.family = remove ? "" : ScimJson.string(value, rawPath);
                d.partsSet = true;
            }
            case "name" -> {
                if (remove) {
                    d.name = "";
                    d.nameSet = true;
                } else {
                    for (var e : ScimJson.object(value, "name").entrySet()) {
                        apply(d, op, "name." + e.getKey(), e.getValue());
                    }
                }
            }
            case "active" -> {
                if (!remove) {
                    d.active = ScimJson.bool(value, "active");
                }
            }
            case "externalid" -> d.externalId = remove ? "" : nonNull(ScimJson.string(value, "externalId"));
            case "emails" -> {
                if (remove) {
                    throw ScimException.mutability("emails: a Keyward user needs an e-mail address");
                }
                String email = email(value);
                if (email != null) {
                    d.email = email;
                }
            }
            default -> {
                if (path.startsWith("emails[") || path.equals("emails.value")) {
                    emailPath(d, path, remove, value, rawPath);
                }
                // Other attributes (title, phoneNumbers, addresses, the enterprise extension, ...) are not
                // kept by Keyward: accepted and ignored, as identity providers send them routinely.
            }
        }
    }

    /** {@code emails[type eq "work"].value}, {@code emails[primary eq true].value}, {@code emails.value}. */
    private static void emailPath(Draft d, String path, boolean remove, JsonValue value, String rawPath) {
        if (!path.endsWith(".value") && !path.endsWith("]")) {
            return;
        }
        if (path.startsWith("emails[") && !(path.contains("\"work\"") || path.contains("primary eq true"))) {
            return; // another type of address than the one Keyward keeps
        }
        if (remove) {
            throw ScimException.mutability("emails: a Keyward user needs an e-mail address");
        }
        if (value == null) {
            throw ScimException.invalidValue(rawPath + " needs a value");
        }
        String email = path.endsWith("]") ? email(JsonP.array().add(value).build())
                : ScimJson.string(value, rawPath);
        if (email != null) {
            d.email = email;
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    // ------------------------------------------------------------------ filters

    /** The list filter of {@code filter} comparisons; empty when they contradict each other or name no user. */
    static Optional<Filter> filter(List<ScimFilter.Comparison> comparisons) {
        String userId = null;
        String email = null;
        String externalId = null;
        Boolean active = null;
        for (ScimFilter.Comparison c : comparisons) {
            String v = c.text();
            switch (c.attribute()) {
                case "username", "id" -> {
                    if (v == null) {
                        return Optional.empty();
                    }
                    String id = v.toLowerCase(Locale.ROOT);
                    if (!Ids.isValid(id, Ids.USER_ID) || (userId != null && !userId.equals(id))) {
                        return Optional.empty();
                    }
                    userId = id;
                }
                case "emails.value", "emails" -> {
                    if (c.typeFilter() != null && !c.typeFilter().equals("work")) {
                        return Optional.empty();
                    }
                    if (v == null || (email != null && !email.equalsIgnoreCase(v))) {
                        return Optional.empty();
                    }
                    email = v;
                }
                case "externalid" -> {
                    if (v == null || (externalId != null && !externalId.equals(v))) {
                        return Optional.empty();
                    }
                    externalId = v;
                }
                case "active" -> {
                    Boolean b = ScimJson.bool(c.value(), "active");
                    if (b == null || (active != null && !active.equals(b))) {
                        return Optional.empty();
                    }
                    active = b;
                }
                default -> throw ScimException.invalidFilter("filtering Users by \"" + c.attribute()
                        + "\" is not supported: userName, id, externalId, emails.value (work) and active are");
            }
        }
        return Optional.of(new Filter(userId, email, externalId, active));
    }
}
