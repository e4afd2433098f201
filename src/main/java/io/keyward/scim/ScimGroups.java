package io.keyward.scim;

import io.keyward.user.UserProvisioning.Account;
import io.keyward.wire.JsonP;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one SCIM Group (RFC 7643 §4.2) Keyward has: the admins. Its members are the users flagged admin;
 * adding a member makes the user an admin, removing one takes it away (the last admin stays).
 * Its {@code displayName} is {@code is.scim.admin-group}, the name of the group at the identity provider.
 */
final class ScimGroups {
    static final String ADMINS_ID = "admins";

    record Group(String id, String displayName) {
    }

    private ScimGroups() {
    }

    static JsonObject resource(Group g, List<Account> members, boolean withMembers, String base) {
        JsonObjectBuilder b = JsonP.object()
                .add("schemas", JsonP.array().add(ScimJson.GROUP))
                .add("id", g.id())
                .add("displayName", g.displayName());
        if (withMembers) {
            JsonArrayBuilder m = JsonP.array();
            for (Account a : members) {
                m.add(JsonP.object().add("value", a.userId()).add("display", a.name().isEmpty() ? a.userId() : a.name())
                        .add("$ref", base + "/Users/" + a.userId()));
            }
            b.add("members", m);
        }
        return b.add("meta", ScimJson.meta("Group", null, null, base + "/Groups/" + g.id())).build();
    }

    /** Whether the group passes the filter (displayName, id or externalId eq). */
    static boolean matches(Group g, List<ScimFilter.Comparison> filter) {
        for (ScimFilter.Comparison c : filter) {
            String v = c.text();
            boolean ok = switch (c.attribute()) {
                case "displayname" -> g.displayName().equalsIgnoreCase(v == null ? "" : v);
                case "id" -> g.id().equals(v);
                case "externalid" -> false;
                default -> throw ScimException.invalidFilter("filtering Groups by \"" + c.attribute()
                        + "\" is not supported: displayName and id are");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A displayName sent for the group: it can only be the group's own. */
    static void checkName(Group g, JsonValue displayName) {
        String name = ScimJson.string(displayName, "displayName");
        if (name != null && !name.equalsIgnoreCase(g.displayName())) {
            throw ScimException.mutability("Keyward has one group, \"" + g.displayName()
                    + "\" (is.scim.admin-group); it cannot be renamed to \"" + name + "\"");
        }
    }

    /** The user IDs of a members array ({@code [{"value": "alice"}, ...]}). */
    static Set<String> members(JsonValue members) {
        Set<String> out = new LinkedHashSet<>();
        if (members == null || members.getValueType() == JsonValue.ValueType.NULL) {
            return out;
        }
        if (!(members instanceof JsonArray list)) {
            throw ScimException.invalidValue("members must be an array");
        }
        for (JsonValue v : list) {
            String id = ScimJson.string(ScimJson.object(v, "members[]"), "value");
            if (id == null || id.isEmpty()) {
                throw ScimException.invalidValue("members[].value is required");
            }
            out.add(id.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The members after the operations of a PatchOp body, from {@code current}. */
    static Set<String> patch(Group g, Set<String> current, JsonObject body) {
        Set<String> m = new LinkedHashSet<>(current);
        ScimPatch.apply(body, (kind, path, value) -> apply(g, m, kind, path, value));
        return m;
    }

    private static void apply(Group g, Set<String> m, String kind, String rawPath, JsonValue value) {
        String path = ScimJson.attribute(rawPath);
        if (path.equals("members")) {
            switch (kind) {
                case "add" -> m.addAll(members(value));
                case "replace" -> {
                    m.clear();
                    m.addAll(members(value));
                }
                default -> {
                    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                        m.clear();
                    } else {
                        m.removeAll(members(value));
                    }
                }
            }
        } else if (path.startsWith("members[") && rawPath.lastIndexOf(']') > rawPath.indexOf('[')) {
            // Okta: remove with path members[value eq "<id>"].
            List<ScimFilter.Comparison> f = ScimFilter.parse(rawPath.substring(rawPath.indexOf('[') + 1, rawPath.lastIndexOf(']')));
            if (!kind.equals("remove") || f.size() != 1 || !f.get(0).attribute().equals("value") || f.get(0).text() == null) {
                throw ScimException.badRequest("invalidPath", "unsupported path " + rawPath);
            }
            m.remove(f.get(0).text().toLowerCase(Locale.ROOT));
        } else if (path.equals("displayname")) {
            if (kind.equals("remove")) {
                throw ScimException.mutability("the group's displayName cannot be removed");
            }
            checkName(g, value);
        }
        // id, externalId and unknown attributes: Keyward keeps none of them for the group.
    }
}
