package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyward.audit.AuditStore;
import io.keyward.audit.AuditStore.Filter;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.wire.FieldMask;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit record of a change lives and dies with the change: written in its transaction (visible there
 * before the commit), gone when that transaction rolls back after the record was written.
 */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class UserAuditRollbackIT {

    @Deployment
    static WebArchive deployment() {
        return UserTestSupport.deployment("user-audit-rollback-it");
    }

    @Inject
    UserRegistry registry;

    @Inject
    AuditStore audit;

    @Inject
    CallerContext context;

    @Inject
    UserTransaction tx;

    private long records(String userId, String action) {
        return audit.count(new Filter(userId, null, action, null, null));
    }

    @Test
    void aRolledBackUpdateLeavesNoRecord() throws Exception {
        String id = UserTestSupport.uniqueId("audrb");
        context.actAs(Caller.ANONYMOUS);
        registry.create(UserTestSupport.createRequest(id, id + "@example.com", ""));
        assertEquals(1, records(id, "user.create"));

        context.actAs(UserTestSupport.admin());
        tx.begin();
        try {
            registry.update(UserTestSupport.updateRequest(id, "{\"ids\": {\"user_id\": \"" + id + "\"}, \"name\": \"Rolled Back\"}", "name"));
            assertEquals(1, records(id, "user.update"), "the record is written in the change's transaction");
        } finally {
            tx.rollback();
        }
        assertEquals(0, records(id, "user.update"), "a rolled-back change leaves no record");
        assertEquals("", registry.read(id, FieldMask.of("name")).orThrow().getString("name", ""));

        // Committed, it stays, with the change's values.
        registry.update(UserTestSupport.updateRequest(id, "{\"ids\": {\"user_id\": \"" + id + "\"}, \"name\": \"Kept\"}", "name"));
        assertEquals(1, records(id, "user.update"));
    }

    @Test
    void aCreateRefusedAfterItsRecordWasWrittenLeavesNoRecord() {
        String id = UserTestSupport.uniqueId("audrb");
        context.actAs(Caller.ANONYMOUS);
        // The user and its user.create record are written first; the invitation check that follows fails and
        // rolls both back.
        assertThrows(KeywardException.class, () -> registry.create(UserRequests.CreateUser.parse(UserTestSupport.json("""
                {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "%s@example.com", "password": "%s"},
                 "invitation_token": "NOSUCHTOKEN"}
                """.formatted(id, id, UserTestSupport.PASSWORD)))));
        assertEquals(0, records(id, null));
    }
}
