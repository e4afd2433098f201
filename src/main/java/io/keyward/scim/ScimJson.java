package io.keyward.scim;

import io.keyward.wire.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** SCIM's JSON conventions: schema URNs, case-insensitive attribute names, list and error messages. */
final class ScimJson {
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    static final String MEDIA_TYPE = "application/scim+json";

    private ScimJson() {
    }

    /**
     * An attribute path as compared here: lower case (SCIM names are case-insensitive), without the URN
     * of the core User or Group schema that a client may put in front.
     */
    static String attribute(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        for (String urn : List.of(USER, GROUP)) {
            String prefix = urn.toLowerCase(Locale.ROOT) + ":";
            if (p.startsWith(prefix)) {
                return p.substring(prefix.length());
            }
        }
        return p;
    }

    /** The member of {@code o} named {@code name}, ignoring case; null if absent. */
    static JsonValue get(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        for (var e : o.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static String string(JsonObject o, String name) {
        return string(get(o, name), name);
    }

    /** A string value; null for JSON null or absent; anything else is an invalidValue. */
    static String string(JsonValue v, String name) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw ScimException.invalidValue(name + " must be a string");
    }

    /** A boolean; Entra ID also sends "True"/"False" as strings. Null when absent. */
    static Boolean bool(JsonValue v, String name) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE || v.getValueType() == JsonValue.ValueType.TRUE
                || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        if (v instanceof JsonString s) {
            if (s.getString().equalsIgnoreCase("true")) {
                return true;
            }
            if (s.getString().equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw ScimException.invalidValue(name + " must be a boolean");
    }

    static JsonObject object(JsonValue v, String name) {
        if (v instanceof JsonObject o) {
            return o;
        }
        throw ScimException.invalidValue(name + " must be an object");
    }

    static JsonObject meta(String type, Instant created, Instant modified, String location) {
        JsonObjectBuilder m = JsonP.object().add("resourceType", type);
        if (created != null) {
            m.add("created", created.toString());
        }
        if (modified != null) {
            m.add("lastModified", modified.toString());
            m.add("version", version(modified));
        }
        return m.add("location", location).build();
    }

    /**
     * A weak ETag from the last modification time, in microseconds (as stored): two changes within one
     * millisecond still make two versions, so If-Match tells them apart.
     */
    static String version(Instant modified) {
        return "W/\"" + (modified.getEpochSecond() * 1_000_000 + modified.getNano() / 1000) + "\"";
    }

    static JsonObject list(List<JsonObject> resources, long total, int startIndex) {
        JsonArrayBuilder r = JsonP.array();
        resources.forEach(r::add);
        return JsonP.object().add("schemas", JsonP.array().add(LIST)).add("totalResults", total)
                .add("startIndex", startIndex).add("itemsPerPage", resources.size()).add("Resources", r).build();
    }

    static JsonObject error(ScimException e) {
        JsonObjectBuilder b = JsonP.object().add("schemas", JsonP.array().add(ERROR))
                .add("status", String.valueOf(e.status()));
        if (e.scimType() != null) {
            b.add("scimType", e.scimType());
        }
        return b.add("detail", e.getMessage() == null ? "" : e.getMessage()).build();
    }
}
