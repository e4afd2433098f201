package io.keyward.authn;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.rights.Caller;
import io.keyward.rights.CredentialOwner;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API.md §2.3–§2.5 and TESTS.md §7: what a credential is worth in each account state. */
class CallersTest {
    private static final Rights ALL = Rights.of(Right.RIGHT_ALL);

    private static Caller caller(State state, boolean admin, boolean validated, boolean validationRequired,
                                 boolean adminRightsAll, Rights rights, String description) {
        CredentialOwner u = new CredentialOwner(EntityIdentifiers.user("usr"), admin, state, description,
                validated ? Instant.now() : null);
        return Callers.of(Caller.Kind.API_KEY, "KEY", rights, u, validationRequired, adminRightsAll);
    }

    @Test
    void approvedUserGetsImpliedRightsAndNoWarnings() {
        Caller c = caller(State.STATE_APPROVED, false, true, false, false, Rights.of(Right.RIGHT_USER_ALL), "");
        assertTrue(c.rights().contains(Right.RIGHT_USER_INFO));
        assertTrue(c.rights().contains(Right.RIGHT_USER_ALL));
        assertFalse(c.rights().contains(Right.RIGHT_APPLICATION_INFO));
        assertFalse(c.admin());
        assertTrue(c.universal().isEmpty());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void requestedUnvalidatedUserHasBothWarnings() {
        Caller c = caller(State.STATE_REQUESTED, false, false, true, false, ALL, "");
        assertEquals(List.of(Callers.WARN_EMAIL, Callers.WARN_PENDING), c.warnings());
        assertEquals(Rights.RESTRICTED_PENDING, c.rights());
    }

    @Test
    void rejectedAndSuspendedUsersAreRestrictedWithDescriptions() {
        Caller rejected = caller(State.STATE_REJECTED, false, true, false, false, ALL, "");
        assertEquals(List.of(Callers.WARN_REJECTED), rejected.warnings());
        assertEquals(Rights.RESTRICTED_REJECTED, rejected.rights());
        Caller suspended = caller(State.STATE_SUSPENDED, true, true, false, false, ALL, "abuse report #42");
        assertEquals(List.of("Restricted rights after account suspension: abuse report #42"), suspended.warnings());
        assertEquals(Rights.RESTRICTED_SUSPENDED, suspended.rights());
        assertFalse(suspended.admin(), "a suspended admin is no admin");
    }

    @Test
    void flaggedAdminKeepsRightsButIsNoAdmin() {
        Caller c = caller(State.STATE_FLAGGED, true, true, false, false, ALL, "");
        assertEquals(ALL.implied(), c.rights());
        assertFalse(c.admin());
        assertTrue(c.universal().isEmpty());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void approvedAdminUniversalRightsFollowTheAdminRightsOption() {
        Caller limited = caller(State.STATE_APPROVED, true, true, false, false, ALL, "");
        assertTrue(limited.admin());
        assertEquals(Rights.ADMIN, limited.universal());
        assertFalse(limited.universal().contains(Right.RIGHT_USER_SETTINGS_API_KEYS));
        Caller all = caller(State.STATE_APPROVED, true, true, false, true, ALL, "");
        assertEquals(Rights.ALL, all.universal());
        // Universal rights never exceed the credential's.
        Caller info = caller(State.STATE_APPROVED, true, true, false, false, Rights.of(Right.RIGHT_USER_INFO), "");
        assertTrue(info.admin(), "admin whatever the key's rights");
        assertEquals(Rights.of(Right.RIGHT_USER_INFO), info.universal());
    }

    @Test
    void emailRestrictionLeavesAnAdminsUniversalRights() {
        Caller c = caller(State.STATE_APPROVED, true, false, true, false, ALL, "");
        assertEquals(Rights.RESTRICTED_PENDING, c.rights());
        assertEquals(Rights.ADMIN, c.universal());
        assertEquals(List.of(Callers.WARN_EMAIL), c.warnings());
    }
}
