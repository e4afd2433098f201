package io.keyward.scim;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The PatchOp message (RFC 7644 §3.5.2): its operations, with Entra ID's capitalised op names accepted. */
final class ScimPatch {
    private ScimPatch() {
    }

    /** One operation on one attribute path: kind add, replace or remove. */
    interface Operation {
        void apply(String kind, String path, JsonValue value);
    }

    /**
     * Each operation of the body in order; a path-less add or replace (Okta's {@code {"active": false}})
     * is one operation per member of its value object.
     */
    static void apply(JsonObject body, Operation operation) {
        for (JsonObject op : operations(body)) {
            String kind = op(op);
            String path = ScimJson.string(op, "path");
            JsonValue value = ScimJson.get(op, "value");
            if (path == null || path.isEmpty()) {
                if (kind.equals("remove")) {
                    throw ScimException.badRequest("noTarget", "remove needs a path");
                }
                for (var e : ScimJson.object(value, "value").entrySet()) {
                    operation.apply(kind, e.getKey(), e.getValue());
                }
            } else {
                operation.apply(kind, path, value);
            }
        }
    }

    static List<JsonObject> operations(JsonObject body) {
        JsonValue ops = ScimJson.get(body, "Operations");
        if (!(ops instanceof JsonArray list)) {
            throw ScimException.invalidSyntax("a PatchOp needs an Operations array");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : list) {
            out.add(ScimJson.object(v, "Operations[]"));
        }
        return out;
    }

    /** add, replace or remove (lower case). */
    static String op(JsonObject operation) {
        String op = ScimJson.string(operation, "op");
        String kind = op == null ? "" : op.toLowerCase(Locale.ROOT);
        if (!kind.equals("add") && !kind.equals("replace") && !kind.equals("remove")) {
            throw ScimException.invalidSyntax("op must be add, replace or remove, not \"" + op + "\"");
        }
        return kind;
    }
}
