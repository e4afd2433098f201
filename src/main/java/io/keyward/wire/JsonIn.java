package io.keyward.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to a JSON request object the way TTS decodes it: each field is found by its proto
 * (snake_case) name or its lowerCamelCase JSON name, unknown keys are ignored, {@code null} equals
 * absent, and a value of the wrong type is a plain 400.
 */
public final class JsonIn {
    private final JsonObject object;
    private final String path;

    private JsonIn(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    public static JsonIn of(JsonObject object) {
        return new JsonIn(object, "");
    }

    /** Parses a request body; an empty body is an empty message. */
    public static JsonIn parse(InputStream body) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return of(JsonValue.EMPTY_JSON_OBJECT);
            }
            try (JsonReader reader = JsonP.reader(new StringReader(text))) {
                JsonValue value = reader.readValue();
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw WireFormatException.of("invalid request body: expected a JSON object");
                }
                return of(value.asJsonObject());
            }
        } catch (JsonParsingException e) {
            throw WireFormatException.of("invalid request body: malformed JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            throw WireFormatException.of("invalid request body: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw WireFormatException.of("invalid request body: " + e.getMessage());
        }
    }

    public JsonObject raw() {
        return object;
    }

    /** lowerCamelCase form of a snake_case proto name. */
    public static String camel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The value under the snake_case or camelCase name; empty if absent or null. */
    public Optional<JsonValue> value(String name) {
        JsonValue v = object.get(name);
        if (v == null) {
            v = object.get(camel(name));
        }
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** True if the key is present, even with a null value (null can mean "unset this"). */
    public boolean has(String name) {
        return object.containsKey(name) || object.containsKey(camel(name));
    }

    public String string(String name) {
        return value(name).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw typeError(name, "string", v);
            }
            return ((JsonString) v).getString();
        }).orElse("");
    }

    public boolean bool(String name) {
        return value(name).map(v -> switch (v.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw typeError(name, "bool", v);
        }).orElse(false);
    }

    /** uint32 fields: a JSON number or a decimal string. */
    public long uint32(String name) {
        return value(name).map(v -> {
            BigInteger n;
            try {
                if (v.getValueType() == JsonValue.ValueType.NUMBER && ((JsonNumber) v).isIntegral()) {
                    n = ((JsonNumber) v).bigIntegerValue();
                } else if (v.getValueType() == JsonValue.ValueType.STRING) {
                    n = new BigInteger(((JsonString) v).getString());
                } else {
                    throw typeError(name, "uint32", v);
                }
            } catch (NumberFormatException e) {
                throw typeError(name, "uint32", v);
            }
            if (n.signum() < 0 || n.bitLength() > 32) {
                throw typeError(name, "uint32", v);
            }
            return n.longValue();
        }).orElse(0L);
    }

    public Optional<Instant> timestamp(String name) {
        return value(name).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw typeError(name, "timestamp", v);
            }
            return Timestamps.parseBody(((JsonString) v).getString(), where(name));
        });
    }

    public Optional<JsonIn> object(String name) {
        return value(name).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw typeError(name, "object", v);
            }
            return new JsonIn(v.asJsonObject(), where(name));
        });
    }

    public List<JsonValue> array(String name) {
        return value(name).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw typeError(name, "array", v);
            }
            return (List<JsonValue>) (JsonArray) v;
        }).orElse(List.of());
    }

    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : array(name)) {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw typeError(name, "string", v);
            }
            out.add(((JsonString) v).getString());
        }
        return out;
    }

    public List<JsonIn> objects(String name) {
        List<JsonIn> out = new ArrayList<>();
        for (JsonValue v : array(name)) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw typeError(name, "object", v);
            }
            out.add(new JsonIn(v.asJsonObject(), where(name)));
        }
        return out;
    }

    public <E extends Enum<E> & ProtoEnum> Optional<E> enumValue(String name, Class<E> type) {
        return value(name).map(v -> ProtoEnums.fromJson(type, v, where(name)));
    }

    public <E extends Enum<E> & ProtoEnum> List<E> enumList(String name, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (JsonValue v : array(name)) {
            out.add(ProtoEnums.fromJson(type, v, where(name)));
        }
        return out;
    }

    /** {@code map<string,string>}. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        value(name).ifPresent(v -> {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw typeError(name, "map", v);
            }
            for (Map.Entry<String, JsonValue> e : v.asJsonObject().entrySet()) {
                JsonValue item = e.getValue();
                if (item.getValueType() == JsonValue.ValueType.NULL) {
                    out.put(e.getKey(), "");
                } else if (item.getValueType() == JsonValue.ValueType.STRING) {
                    out.put(e.getKey(), ((JsonString) item).getString());
                } else {
                    throw typeError(name + "[" + e.getKey() + "]", "string", item);
                }
            }
        });
        return out;
    }

    private WireFormatException typeError(String name, String expected, JsonValue got) {
        String shown = got.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return WireFormatException.of("invalid value for " + expected + " field " + where(name) + ": " + shown);
    }
}
