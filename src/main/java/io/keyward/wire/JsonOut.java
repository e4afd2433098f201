package io.keyward.wire;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Builds a response object the way TTS encodes it: proto field names, zero values left out
 * (empty strings, false, 0, the first enum value, empty lists and maps, unset messages).
 */
public final class JsonOut {
    private final JsonObjectBuilder builder = JsonP.object();

    public static JsonOut object() {
        return new JsonOut();
    }

    public JsonOut string(String name, String value) {
        if (value != null && !value.isEmpty()) {
            builder.add(name, value);
        }
        return this;
    }

    public JsonOut bool(String name, boolean value) {
        if (value) {
            builder.add(name, true);
        }
        return this;
    }

    public JsonOut number(String name, long value) {
        if (value != 0) {
            builder.add(name, value);
        }
        return this;
    }

    public JsonOut timestamp(String name, Instant value) {
        if (value != null) {
            builder.add(name, Timestamps.format(value));
        }
        return this;
    }

    public JsonOut enumValue(String name, ProtoEnum value) {
        if (value != null && value.number() != 0) {
            builder.add(name, value.fullName());
        }
        return this;
    }

    public JsonOut enumList(String name, Collection<? extends ProtoEnum> values) {
        if (values != null && !values.isEmpty()) {
            JsonArrayBuilder array = JsonP.array();
            values.forEach(v -> array.add(v.fullName()));
            builder.add(name, array);
        }
        return this;
    }

    public JsonOut strings(String name, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            JsonArrayBuilder array = JsonP.array();
            values.forEach(array::add);
            builder.add(name, array);
        }
        return this;
    }

    public JsonOut stringMap(String name, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            JsonObjectBuilder map = JsonP.object();
            values.forEach(map::add);
            builder.add(name, map);
        }
        return this;
    }

    /** A set message: written even when it is empty ({@code {}}). */
    public JsonOut message(String name, JsonObject value) {
        if (value != null) {
            builder.add(name, value);
        }
        return this;
    }

    public JsonOut message(String name, JsonOut value) {
        return value == null ? this : message(name, value.build());
    }

    /** A repeated message field; omitted when empty. */
    public JsonOut messages(String name, Collection<JsonObject> values) {
        if (values != null && !values.isEmpty()) {
            JsonArrayBuilder array = JsonP.array();
            values.forEach(array::add);
            builder.add(name, array);
        }
        return this;
    }

    public JsonOut raw(String name, JsonValue value) {
        if (value != null) {
            builder.add(name, value);
        }
        return this;
    }

    public JsonObject build() {
        return builder.build();
    }
}
