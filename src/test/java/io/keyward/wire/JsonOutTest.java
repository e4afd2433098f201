package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.entity.State;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers encoded as TTS encodes them (JSON.md §3): zero values left out, enums by name, set messages kept. */
class JsonOutTest {
    @Test
    void zeroValuesAreLeftOut() {
        JsonObject o = JsonOut.object()
                .string("name", "")
                .string("description", null)
                .bool("admin", false)
                .number("count", 0)
                .timestamp("deleted_at", null)
                .enumValue("state", State.STATE_REQUESTED)
                .enumValue("other_state", null)
                .enumList("states", List.of())
                .strings("paths", List.of())
                .stringMap("attributes", Map.of())
                .message("picture", (JsonObject) null)
                .message("prefs", (JsonOut) null)
                .messages("items", List.of())
                .raw("raw", null)
                .build();
        assertEquals("{}", o.toString());
    }

    @Test
    void setValuesAreWrittenInCallOrder() {
        JsonObject o = JsonOut.object()
                .string("name", "Alice")
                .bool("admin", true)
                .number("count", -3)
                .timestamp("created_at", Instant.parse("2026-01-02T03:04:05.120Z"))
                .enumValue("state", State.STATE_REJECTED)
                .build();
        assertEquals("{\"name\":\"Alice\",\"admin\":true,\"count\":-3,\"created_at\":\"2026-01-02T03:04:05.120Z\","
                + "\"state\":\"STATE_REJECTED\"}", o.toString());
    }

    @Test
    void enumListsWriteEveryValueEvenTheZeroOne() {
        JsonObject o = JsonOut.object().enumList("states", List.of(State.STATE_APPROVED, State.STATE_REQUESTED)).build();
        assertEquals("[\"STATE_APPROVED\",\"STATE_REQUESTED\"]", o.get("states").toString());
    }

    @Test
    void aSetMessageIsWrittenEvenWhenEmpty() {
        JsonObject o = JsonOut.object()
                .message("console_preferences", JsonValue.EMPTY_JSON_OBJECT)
                .message("ids", JsonOut.object().string("user_id", "alice"))
                .build();
        assertEquals("{\"console_preferences\":{},\"ids\":{\"user_id\":\"alice\"}}", o.toString());
    }

    @Test
    void listsAndMapsKeepTheirOrder() {
        JsonObject o = JsonOut.object()
                .strings("paths", List.of("b", "a"))
                .stringMap("attributes", new java.util.LinkedHashMap<>(Map.of("k", "v")))
                .messages("items", List.of(JsonOut.object().string("id", "2").build(), JsonValue.EMPTY_JSON_OBJECT))
                .build();
        assertEquals("{\"paths\":[\"b\",\"a\"],\"attributes\":{\"k\":\"v\"},\"items\":[{\"id\":\"2\"},{}]}", o.toString());
    }
}
