package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request bodies read as TTS decodes them (JSON.md): both name forms, null = absent, type errors are 400s. */
class JsonInTest {
    private static JsonIn body(String json) {
        return JsonIn.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String error(Runnable r) {
        return assertThrows(WireFormatException.class, r::run).getMessage();
    }

    @Test
    void emptyBodyIsAnEmptyMessageAndNonObjectsAreRefused() {
        assertTrue(JsonIn.parse(null).raw().isEmpty());
        assertTrue(body("").raw().isEmpty());
        assertTrue(body(" \n ").raw().isEmpty());
        assertEquals("invalid request body: expected a JSON object", error(() -> body("[1]")));
        assertEquals("invalid request body: expected a JSON object", error(() -> body("\"x\"")));
        assertTrue(error(() -> body("{\"name\":")).startsWith("invalid request body: malformed JSON"));
    }

    @Test
    void snakeOrCamelNameSnakeFirstUnknownIgnored() {
        assertEquals("a@example.com", body("{\"primaryEmailAddress\":\"a@example.com\"}").string("primary_email_address"));
        assertEquals("snake", body("{\"primary_email_address\":\"snake\",\"primaryEmailAddress\":\"camel\"}")
                .string("primary_email_address"));
        assertEquals("alice", body("{\"name\":\"alice\",\"no_such_field\":{\"x\":[1]}}").string("name"));
        assertEquals("consolePreferences", JsonIn.camel("console_preferences"));
        assertEquals("primaryEmailAddressValidatedAt", JsonIn.camel("primary_email_address_validated_at"));
    }

    @Test
    void nullAndAbsentReadAsZeroButHasSeesTheKey() {
        JsonIn in = body("{\"name\":null,\"admin\":null,\"limit\":null}");
        assertEquals("", in.string("name"));
        assertFalse(in.bool("admin"));
        assertEquals(0, in.uint32("limit"));
        assertEquals(Optional.empty(), in.value("name"));
        assertTrue(in.has("name"));
        assertFalse(in.has("description"));
        assertTrue(body("{\"stateDescription\":null}").has("state_description"));
        assertEquals(List.of(), in.strings("paths"));
        assertEquals(Optional.empty(), in.timestamp("expires_at"));
    }

    @Test
    void wrongTypesNameTheFieldAndItsPath() {
        assertEquals("invalid value for string field name: 5", error(() -> body("{\"name\":5}").string("name")));
        assertEquals("invalid value for bool field admin: \"true\"", error(() -> body("{\"admin\":\"true\"}").bool("admin")));
        assertEquals("invalid value for string field ids.user_id: 7",
                error(() -> body("{\"ids\":{\"user_id\":7}}").object("ids").orElseThrow().string("user_id")));
        assertEquals("invalid value for object field ids: \"alice\"", error(() -> body("{\"ids\":\"alice\"}").object("ids")));
        assertEquals("invalid value for array field paths: \"a\"", error(() -> body("{\"paths\":\"a\"}").strings("paths")));
        assertEquals("invalid value for string field paths: 1", error(() -> body("{\"paths\":[\"a\",1]}").strings("paths")));
    }

    @Test
    void longValuesAreCutInTheMessage() {
        String message = error(() -> body("{\"name\":[\"" + "x".repeat(100) + "\"]}").string("name"));
        assertEquals("invalid value for string field name: [\"" + "x".repeat(38) + "...", message);
    }

    @Test
    void uint32TakesNumbersAndDecimalStringsInRange() {
        assertEquals(5, body("{\"limit\":5}").uint32("limit"));
        assertEquals(7, body("{\"limit\":\"7\"}").uint32("limit"));
        assertEquals(4294967295L, body("{\"limit\":4294967295}").uint32("limit"));
        assertEquals("invalid value for uint32 field limit: 4294967296", error(() -> body("{\"limit\":4294967296}").uint32("limit")));
        assertEquals("invalid value for uint32 field limit: -1", error(() -> body("{\"limit\":-1}").uint32("limit")));
        assertEquals("invalid value for uint32 field limit: 1.5", error(() -> body("{\"limit\":1.5}").uint32("limit")));
        assertEquals("invalid value for uint32 field limit: \"ten\"", error(() -> body("{\"limit\":\"ten\"}").uint32("limit")));
        assertEquals("invalid value for uint32 field limit: true", error(() -> body("{\"limit\":true}").uint32("limit")));
    }

    @Test
    void timestampsAreUtcStrings() {
        assertEquals(Optional.of(Instant.parse("2026-01-02T03:04:05.123Z")),
                body("{\"expiresAt\":\"2026-01-02T03:04:05.123Z\"}").timestamp("expires_at"));
        assertEquals("invalid timestamp for field expires_at: \"2026-01-02T03:04:05+01:00\"",
                error(() -> body("{\"expires_at\":\"2026-01-02T03:04:05+01:00\"}").timestamp("expires_at")));
        assertEquals("invalid value for timestamp field expires_at: 1767323045",
                error(() -> body("{\"expires_at\":1767323045}").timestamp("expires_at")));
        assertEquals("invalid timestamp for field api_key.expires_at: \"tomorrow\"", error(() ->
                body("{\"api_key\":{\"expires_at\":\"tomorrow\"}}").object("api_key").orElseThrow().timestamp("expires_at")));
    }

    @Test
    void enumsByFullNameShortNameOrNumber() {
        JsonIn in = body("{\"states\":[\"STATE_REJECTED\",\"APPROVED\",0,\"2\"],\"state\":\"REJECTED\"}");
        assertEquals(List.of(State.STATE_REJECTED, State.STATE_APPROVED, State.STATE_REQUESTED, State.STATE_REJECTED),
                in.enumList("states", State.class));
        assertEquals(Optional.of(State.STATE_REJECTED), in.enumValue("state", State.class));
        assertEquals(Optional.empty(), in.enumValue("other", State.class));
        assertEquals("invalid value for enum field states: \"ACTIVE\"",
                error(() -> body("{\"states\":[\"ACTIVE\"]}").enumList("states", State.class)));
        KeywardException undefined = assertThrows(KeywardException.class,
                () -> body("{\"state\":9}").enumValue("state", State.class));
        assertTrue(undefined.is(Errors.VALIDATION));
        assertEquals("value must be one of the defined enum values", undefined.attributes().get("reason"));
    }

    @Test
    void stringMapsTakeNullAsEmptyAndRefuseOtherValues() {
        assertEquals(Map.of("a", "1", "b", ""), body("{\"attributes\":{\"a\":\"1\",\"b\":null}}").stringMap("attributes"));
        assertEquals(List.of("z", "a"), List.copyOf(body("{\"attributes\":{\"z\":\"1\",\"a\":\"2\"}}")
                .stringMap("attributes").keySet()));
        assertEquals("invalid value for string field attributes[a]: 1",
                error(() -> body("{\"attributes\":{\"a\":1}}").stringMap("attributes")));
        assertEquals("invalid value for map field attributes: [\"a\"]",
                error(() -> body("{\"attributes\":[\"a\"]}").stringMap("attributes")));
    }

    @Test
    void objectsKeepTheirPathForLaterErrors() {
        List<JsonIn> items = body("{\"contact_info\":[{\"value\":\"a\"},{\"value\":2}]}").objects("contact_info");
        assertEquals("a", items.get(0).string("value"));
        assertEquals("invalid value for string field contact_info.value: 2", error(() -> items.get(1).string("value")));
        assertEquals("invalid value for object field contact_info: 3",
                error(() -> body("{\"contact_info\":[3]}").objects("contact_info")));
    }
}
