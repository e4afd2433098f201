package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.entity.State;
import io.keyward.error.ErrorDefinition;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** UserProvisioning (SCIM, issue 17) is for the provisioning caller only, and keeps the registry's rules. */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class UserProvisioningIT {
    private static final Caller SCIM = new Caller(Caller.Kind.SCIM, null, "scim", Rights.NONE,
            Rights.of(Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC, Right.RIGHT_USER_DELETE), true,
            State.STATE_APPROVED, "", List.of());

    @Deployment
    static WebArchive deployment() {
        return UserTestSupport.deployment("user-provisioning-it");
    }

    @Inject
    UserProvisioning provisioning;

    @Inject
    CallerContext context;

    private static void fails(ErrorDefinition expected, Callable<?> call) {
        KeywardException e = assertThrows(KeywardException.class, call::call);
        assertEquals(expected, e.definition(), e.getMessage());
    }

    private static UserProvisioning.Profile profile(String id) {
        return new UserProvisioning.Profile(id, "Name", id + "@example.com", true, null);
    }

    @Test
    void onlyTheProvisioningCallerMayProvision() {
        String id = UserTestSupport.uniqueId("prov");
        for (Caller other : List.of(UserTestSupport.admin(), UserTestSupport.user("admin", Right.RIGHT_ALL), Caller.ANONYMOUS)) {
            context.actAs(other);
            fails(Errors.PERMISSION_DENIED_ERR, () -> provisioning.create(profile(id)));
            fails(Errors.PERMISSION_DENIED_ERR, () -> provisioning.list(UserProvisioning.Filter.ALL, 0, 10));
            fails(Errors.PERMISSION_DENIED_ERR, () -> provisioning.get("admin"));
        }
        // A provisioning caller that is no admin gets nothing either (rights-checked as everywhere).
        context.actAs(new Caller(Caller.Kind.SCIM, null, "scim", Rights.NONE, Rights.NONE, false, State.STATE_APPROVED, "", List.of()));
        fails(Errors.PERMISSION_DENIED_ERR, () -> provisioning.create(profile(id)));
        fails(Errors.PERMISSION_DENIED_ERR, () -> provisioning.list(UserProvisioning.Filter.ALL, 0, 10));
    }

    @Test
    void theRegistryRulesHold() {
        context.actAs(SCIM);
        String id = UserTestSupport.uniqueId("prov");
        UserProvisioning.Account a = provisioning.create(new UserProvisioning.Profile(id, "N", id + "@example.com", false, "sub-" + id));
        assertFalse(a.active());
        assertEquals("sub-" + id, a.externalId());
        assertEquals(1, provisioning.list(new UserProvisioning.Filter(null, id.toUpperCase() + "@EXAMPLE.COM", null, false), 0, 10).total());
        fails(Errors.ALREADY_EXISTS, () -> provisioning.create(profile(id)));
        fails(Errors.FORBIDDEN_ID, () -> provisioning.create(profile("admin")));
        fails(Errors.INVALID_EMAIL, () -> provisioning.replace(id, current -> new UserProvisioning.Profile(id, null, "nope", null, null)));
        // The last admin stays one: emptying the admin group is refused as a whole.
        List<String> admins = provisioning.admins().stream().map(UserProvisioning.Account::userId).toList();
        assertTrue(admins.contains("admin"), admins.toString());
        fails(Errors.LAST_ADMIN, () -> {
            provisioning.replaceAdmins(List.of());
            return null;
        });
        assertEquals(admins, provisioning.admins().stream().map(UserProvisioning.Account::userId).toList());
    }
}
