package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.entity.State;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query strings mapped onto request messages as grpc-gateway does (JSON.md). */
class QueryTest {
    private static Query query(String... keyValues) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.add(keyValues[i], keyValues[i + 1]);
        }
        return new Query(params);
    }

    @Test
    void snakeAndCamelNamesAreBothRead() {
        assertEquals(List.of("a", "b"), query("id_contains", "a", "idContains", "b").values("id_contains"));
        assertEquals("x", query("nameContains", "x").string("name_contains"));
        assertEquals("", query().string("name_contains"));
        assertEquals(Optional.empty(), query().single("name_contains"));
    }

    @Test
    void aSingularFieldGivenTwiceIsRefused() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> query("limit", "1", "limit", "2").uint32("limit"));
        assertEquals("too many values for field \"limit\": [1, 2]", e.getMessage());
        assertThrows(WireFormatException.class, () -> query("order", "a", "order", "b").string("order"));
    }

    @Test
    void uint32RangeAndSyntax() {
        assertEquals(0, query().uint32("page"));
        assertEquals(4294967295L, query("page", "4294967295").uint32("page"));
        for (String bad : new String[] {"-1", "4294967296", "1.0", "ten", ""}) {
            WireFormatException e = assertThrows(WireFormatException.class, () -> query("page", bad).uint32("page"), bad);
            assertEquals("parsing field \"page\": \"" + bad + "\" is not a valid uint32", e.getMessage());
        }
    }

    @Test
    void boolsTakeGoStrconvForms() {
        for (String t : new String[] {"1", "t", "T", "true", "TRUE", "True"}) {
            assertTrue(query("deleted", t).bool("deleted"), t);
        }
        for (String f : new String[] {"0", "f", "F", "false", "FALSE", "False"}) {
            assertFalse(query("deleted", f).bool("deleted"), f);
        }
        assertFalse(query().bool("deleted"));
        assertEquals("parsing field \"deleted\": \"yes\" is not a valid bool",
                assertThrows(WireFormatException.class, () -> query("deleted", "yes").bool("deleted")).getMessage());
    }

    @Test
    void repeatedEnumsByRepeatedKeys() {
        assertEquals(List.of(State.STATE_REJECTED, State.STATE_APPROVED), query("state", "STATE_REJECTED", "state", "1").enumList("state", State.class));
        assertEquals(List.of(), query().enumList("state", State.class));
        assertThrows(WireFormatException.class, () -> query("state", "REJECTED").enumList("state", State.class));
    }

    @Test
    void mapsFromBracketKeysUnderEitherName() {
        Query q = query("attributes_contain[team]", "red", "attributesContain[site]", "ams", "attributes_contain", "x",
                "other[k]", "v");
        assertEquals(Map.of("team", "red", "site", "ams"), q.stringMap("attributes_contain"));
        assertEquals(Map.of(), query().stringMap("attributes_contain"));
    }

    @Test
    void fieldMaskFromCommaListAndFromRepeatedPaths() {
        assertEquals(List.of("description", "name"), List.copyOf(query("field_mask", "name, description").fieldMask().paths()));
        assertEquals(List.of("admin", "name", "state"), List.copyOf(query("field_mask", "name",
                "field_mask.paths", "state", "field_mask.paths", "admin").fieldMask().paths()));
        assertTrue(query().fieldMask().isEmpty());
        assertThrows(WireFormatException.class, () -> query("field_mask", "a", "field_mask", "b").fieldMask());
    }
}
