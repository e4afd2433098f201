package io.keyward.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-type errors of EntityType, EntityIdentifiers' invariant, and the State enum's numbers. */
class EntityTypeTest {
    @Test
    void userFieldsAreTheProtoNames() {
        assertEquals("user_ids", EntityType.USER.idsField());
        assertEquals("user_id", EntityType.USER.idField());
    }

    @Test
    void notFoundNamesTheUser() {
        KeywardException e = EntityType.USER.notFound("alice");
        assertTrue(e.is(Errors.USER_NOT_FOUND));
        assertEquals(Map.of("user_id", "alice"), e.attributes());
        assertEquals("error:pkg/identityserver/store:user_not_found (user with id `alice` not found)", e.getMessage());
    }

    @Test
    void rightsErrorsCarryUidAndMissingRights() {
        KeywardException none = EntityType.USER.noRights("bob");
        assertTrue(none.is(Errors.NO_USER_RIGHTS));
        assertEquals("error:pkg/auth/rights:no_user_rights (no rights for user `bob`)", none.getMessage());

        KeywardException some = EntityType.USER.insufficientRights("bob", List.of("RIGHT_USER_DELETE"));
        assertTrue(some.is(Errors.INSUFFICIENT_USER_RIGHTS));
        assertEquals("bob", some.attributes().get("uid"));
        assertEquals(List.of("RIGHT_USER_DELETE"), some.attributes().get("missing"));
        assertTrue(Errors.INSUFFICIENT_USER_RIGHTS.isPublic("missing"));
    }

    @Test
    void identifiersNeedAType() {
        assertThrows(NullPointerException.class, () -> new EntityIdentifiers(null, "alice"));
        assertEquals(new EntityIdentifiers(EntityType.USER, "alice"), EntityIdentifiers.user("alice"));
    }

    @Test
    void stateNumbersAreTheProtoNumbers() {
        assertEquals(State.STATE_REQUESTED, State.ofNumber(0));
        assertEquals(State.STATE_APPROVED, State.ofNumber(1));
        assertEquals(State.STATE_SUSPENDED, State.ofNumber(4));
        assertEquals(3, State.STATE_FLAGGED.number());
        assertEquals("STATE_REJECTED", State.STATE_REJECTED.fullName());
        assertEquals("STATE_", State.STATE_REJECTED.prefix());
        assertThrows(IllegalArgumentException.class, () -> State.ofNumber(5));
    }
}
