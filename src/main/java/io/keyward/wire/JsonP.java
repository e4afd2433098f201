package io.keyward.wire;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;
import java.util.Map;

/**
 * The JSON-P factories, looked up once for the whole application. {@code Json.createObjectBuilder()}
 * and friends find the provider through the ServiceLoader on every call: measured at 14% of the CPU
 * of {@code GET /api/v3/auth_info} (issue 8). Use these instead of {@code jakarta.json.Json}.
 */
public final class JsonP {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private JsonP() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    /** A builder starting from a copy of {@code from}. */
    public static JsonObjectBuilder object(JsonObject from) {
        return BUILDERS.createObjectBuilder(from);
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    public static JsonReader reader(Reader in) {
        return READERS.createReader(in);
    }

    /** The provider, for the rare value types the factories do not make (strings, numbers). */
    public static JsonProvider provider() {
        return PROVIDER;
    }
}
