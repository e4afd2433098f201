package io.keyward.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pkg/errors:validation chains of API.md §1.4.3, as TTS's generated validators build them. */
class ValidationTest {
    private static final String REGEX_REASON = "value does not match regex pattern \"^[a-z0-9](?:[-]?[a-z0-9]){1,}$\"";

    @Test
    void aTopLevelFieldIsOneErrorWithoutCause() {
        KeywardException e = Validation.invalid("limit", "value must be less than or equal to 1000");
        assertTrue(e.is(Errors.VALIDATION));
        assertEquals(List.of("field", "reason"), List.copyOf(e.attributes().keySet()));
        assertEquals("limit", e.attributes().get("field"));
        assertEquals("value must be less than or equal to 1000", e.attributes().get("reason"));
        assertNull(e.detailCause());
        assertEquals("error:pkg/errors:validation (invalid `limit`: value must be less than or equal to 1000)",
                e.getMessage());
    }

    @Test
    void aDottedPathBecomesOneLevelPerField() {
        KeywardException e = Validation.invalid("user.ids.user_id", REGEX_REASON);
        assertEquals("user", e.attributes().get("field"));
        assertEquals("embedded message failed validation", e.attributes().get("reason"));
        KeywardException ids = e.detailCause();
        assertEquals("ids", ids.attributes().get("field"));
        assertEquals("embedded message failed validation", ids.attributes().get("reason"));
        KeywardException leaf = ids.detailCause();
        assertEquals("user_id", leaf.attributes().get("field"));
        assertEquals(REGEX_REASON, leaf.attributes().get("reason"));
        assertNull(leaf.detailCause());
        assertEquals("error:pkg/errors:validation (invalid `user`: embedded message failed validation)", e.getMessage());
    }

    @Test
    void namedStepsCarryTheValidationErrorName() {
        // API.md §1.4.3: GET /users/A answers user_ids → cause {field user_id, name UserIdentifiersValidationError}.
        KeywardException e = Validation.chain(List.of(new Validation.Step("user_ids", null),
                new Validation.Step("user_id", "UserIdentifiers")), REGEX_REASON);
        assertFalse(e.attributes().containsKey("name"));
        KeywardException cause = e.detailCause();
        assertEquals(List.of("field", "reason", "name"), List.copyOf(cause.attributes().keySet()));
        assertEquals("UserIdentifiersValidationError", cause.attributes().get("name"));
        assertEquals(REGEX_REASON, cause.attributes().get("reason"));
    }

    @Test
    void allThreeAttributesArePublic() {
        assertTrue(Errors.VALIDATION.isPublic("field"));
        assertTrue(Errors.VALIDATION.isPublic("reason"));
        assertTrue(Errors.VALIDATION.isPublic("name"));
        assertFalse(Errors.VALIDATION.isPublic("value"));
        assertEquals(GrpcCode.INVALID_ARGUMENT, Errors.VALIDATION.code());
        assertEquals(400, Errors.VALIDATION.code().httpStatus());
    }

    @Test
    void bareIdentifierRequestsWrapTheChainInInvalidIdentifiers() {
        KeywardException validation = Validation.invalid("user_id", REGEX_REASON);
        KeywardException e = Validation.invalidIdentifiers(validation);
        assertTrue(e.is(Errors.IDENTIFIERS));
        assertSame(validation, e.detailCause());
        assertTrue(e.attributes().isEmpty());
        assertEquals("error:pkg/ttnpb:identifiers (invalid identifiers)", e.getMessage());
    }
}
