package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Field masks as API.md §1.5 and JSON.md describe them: body forms, allowed paths, nested paths. */
class FieldMaskTest {
    private static JsonIn body(String json) {
        return JsonIn.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pathsObjectIsSortedAndDeduplicated() {
        FieldMask m = FieldMask.fromBody(body("{\"field_mask\":{\"paths\":[\"name\",\"admin\",\"name\"]}}"), "field_mask");
        assertEquals(List.of("admin", "name"), List.copyOf(m.paths()));
        assertEquals("admin,name", m.toString());
    }

    @Test
    void commaStringIsSplitAndTrimmed() {
        FieldMask m = FieldMask.fromBody(body("{\"field_mask\":\"name, description\"}"), "field_mask");
        assertEquals(List.of("description", "name"), List.copyOf(m.paths()));
        assertTrue(FieldMask.fromBody(body("{\"field_mask\":\"\"}"), "field_mask").isEmpty());
    }

    @Test
    void camelCaseKeyAbsentAndNullAreAccepted() {
        assertEquals(Set.of("name"), FieldMask.fromBody(body("{\"fieldMask\":{\"paths\":[\"name\"]}}"), "field_mask").paths());
        assertTrue(FieldMask.fromBody(body("{}"), "field_mask").isEmpty());
        assertTrue(FieldMask.fromBody(body("{\"field_mask\":null}"), "field_mask").isEmpty());
        assertTrue(FieldMask.fromBody(body("{\"field_mask\":{}}"), "field_mask").isEmpty());
    }

    @Test
    void otherShapesAreWireFormatErrors() {
        WireFormatException extraKey = assertThrows(WireFormatException.class,
                () -> FieldMask.fromBody(body("{\"field_mask\":{\"paths\":[\"name\"],\"x\":1}}"), "field_mask"));
        assertEquals("invalid field mask: unexpected key \"x\"", extraKey.getMessage());
        WireFormatException number = assertThrows(WireFormatException.class,
                () -> FieldMask.fromBody(body("{\"field_mask\":5}"), "field_mask"));
        assertEquals("invalid value for field mask field_mask: 5", number.getMessage());
        assertThrows(WireFormatException.class,
                () -> FieldMask.fromBody(body("{\"field_mask\":{\"paths\":[1]}}"), "field_mask"));
    }

    @Test
    void requireAllowedListsEveryForbiddenPath() {
        FieldMask m = FieldMask.of("temporary_password", "name", "password");
        KeywardException e = assertThrows(KeywardException.class,
                () -> m.requireAllowed(Set.of("name", "description")));
        assertTrue(e.is(Errors.FIELD_MASK_PATHS));
        assertEquals(List.of("password", "temporary_password"), e.attributes().get("forbidden_paths"));
        assertTrue(Errors.FIELD_MASK_PATHS.isPublic("forbidden_paths"));
        assertEquals("error:pkg/rpcmiddleware/validator:field_mask_paths (forbidden path(s) in field mask)", e.getMessage());
    }

    @Test
    void requireAllowedPassesAnAllowedOrEmptyMask() {
        FieldMask m = FieldMask.of("name");
        assertSame(m, m.requireAllowed(Set.of("name")));
        FieldMask.empty().requireAllowed(Set.of());
        // A parent being allowed does not allow an unlisted sub-path.
        assertThrows(KeywardException.class, () -> FieldMask.of("name.first").requireAllowed(Set.of("name")));
    }

    @Test
    void touchesMeansThePathOrASubPathIsAsked() {
        FieldMask m = FieldMask.of("console_preferences.console_theme", "state_description");
        assertTrue(m.touches("console_preferences"));
        assertTrue(m.touches("console_preferences.console_theme"));
        assertFalse(m.contains("console_preferences"));
        assertFalse(m.touches("console_preferences.sort_by"));
        // A name that merely starts with the path is another field.
        assertFalse(m.touches("state"));
        assertTrue(m.touches("state_description"));
    }

    @Test
    void coversMeansThePathOrAParentIsAsked() {
        FieldMask m = FieldMask.of("profile_picture", "ids.user_id");
        assertTrue(m.covers("profile_picture.sizes"));
        assertTrue(m.covers("profile_picture"));
        assertFalse(m.touches("profile_picture.sizes"));
        assertFalse(m.covers("ids"));
        assertTrue(m.touches("ids"));
        assertFalse(m.covers("profile"));
    }

    @Test
    void withAndWithoutReturnNewMasks() {
        FieldMask m = FieldMask.of("name");
        FieldMask more = m.with("admin", "name");
        assertEquals(Set.of("admin", "name"), more.paths());
        assertEquals(Set.of("name"), m.paths());
        assertEquals(Set.of("admin"), more.without("name", "absent").paths());
        assertThrows(UnsupportedOperationException.class, () -> m.paths().add("x"));
    }
}
