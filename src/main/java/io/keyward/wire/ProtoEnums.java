package io.keyward.wire;

import io.keyward.error.Validation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Parsing of proto enums from JSON bodies and query strings, as grpc-gateway does it. */
public final class ProtoEnums {
    private ProtoEnums() {
    }

    /** JSON body: full name, name without prefix, number, or number as a string. */
    public static <E extends Enum<E> & ProtoEnum> E fromJson(Class<E> type, JsonValue value, String field) {
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            JsonNumber n = (JsonNumber) value;
            if (!n.isIntegral()) {
                throw WireFormatException.of("invalid value for enum field " + field + ": " + value);
            }
            return byNumber(type, n.intValue(), field);
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw WireFormatException.of("invalid value for enum field " + field + ": " + value);
        }
        String s = ((JsonString) value).getString();
        E e = byName(type, s);
        if (e == null) {
            for (E c : type.getEnumConstants()) {
                if ((c.prefix() + s).equals(c.fullName())) {
                    return c;
                }
            }
            if (s.matches("-?\\d{1,10}")) {
                return byNumber(type, Integer.parseInt(s), field);
            }
            throw WireFormatException.of("invalid value for enum field " + field + ": \"" + s + "\"");
        }
        return e;
    }

    /** Query string: only the full name or the number. */
    public static <E extends Enum<E> & ProtoEnum> E fromQuery(Class<E> type, String s, String field) {
        E e = byName(type, s);
        if (e != null) {
            return e;
        }
        if (s.matches("-?\\d{1,10}")) {
            return byNumber(type, Integer.parseInt(s), field);
        }
        throw WireFormatException.of("parsing field \"" + field + "\": " + s + " is not a valid " + type.getSimpleName());
    }

    /** The constant stored under {@code number} (a database value, so an unknown one is a bug). */
    public static <E extends Enum<E> & ProtoEnum> E ofStoredNumber(Class<E> type, int number) {
        for (E c : type.getEnumConstants()) {
            if (c.number() == number) {
                return c;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " " + number);
    }

    public static <E extends Enum<E> & ProtoEnum> E byName(Class<E> type, String s) {
        for (E c : type.getEnumConstants()) {
            if (c.fullName().equals(s)) {
                return c;
            }
        }
        return null;
    }

    public static <E extends Enum<E> & ProtoEnum> E byNumber(Class<E> type, int number, String field) {
        for (E c : type.getEnumConstants()) {
            if (c.number() == number) {
                return c;
            }
        }
        // Undefined numbers parse in TTS and fail validation later; Keyward has no way to carry an
        // undefined value, so it reports the validation failure right away.
        throw Validation.invalid(field, "value must be one of the defined enum values");
    }
}
