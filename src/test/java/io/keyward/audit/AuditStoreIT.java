package io.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.ops.Deployments;
import io.keyward.wire.Timestamps;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit store in the container: a refusal's record commits although the caller's work rolls back, a
 * change's record does not; the retention purge deletes what is older than the cut-off, batch by batch,
 * and nothing newer.
 */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class AuditStoreIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.keyward("audit-store-it");
    }

    @Inject
    AuditTrail trail;

    @Inject
    AuditStore store;

    @EJB
    AuditRetention retention;

    @Inject
    UserTransaction tx;

    private long count(String action) {
        return store.count(new AuditStore.Filter(null, null, action, null, null));
    }

    @Test
    void aRefusalIsKeptWhenTheCallersWorkRollsBackAndAChangeIsNot() throws Exception {
        String refused = "test.refused-" + UUID.randomUUID();
        String changed = "test.changed-" + UUID.randomUUID();
        tx.begin();
        trail.refused(AuditEvent.of(refused).outcome(AuditEvent.DENIED).user("someone"));
        trail.record(AuditEvent.of(changed).user("someone"));
        tx.rollback();
        assertEquals(1, count(refused));
        assertEquals(0, count(changed));
    }

    @Test
    void retentionPurgesOldRecordsInBatchesAndKeepsNewerOnes() throws Exception {
        String action = "test.retention-" + UUID.randomUUID();
        Instant now = Timestamps.now();
        int old = AuditRetention.BATCH * 2 + 7;
        tx.begin();
        for (int i = 0; i < old; i++) {
            store.insert(entity(action, now.minus(Duration.ofDays(400))));
        }
        for (int i = 0; i < 3; i++) {
            store.insert(entity(action, now.minus(Duration.ofDays(10))));
        }
        tx.commit();
        assertEquals(old + 3, count(action));

        int purged = retention.purgeBefore(now.minus(Duration.ofDays(365)));
        assertTrue(purged >= old, "purged " + purged);
        assertEquals(3, count(action), "records inside the retention stay");
    }

    private static AuditEntity entity(String action, Instant at) {
        AuditEntity e = new AuditEntity();
        e.occurredAt = at;
        e.action = action;
        e.outcome = AuditEvent.SUCCESS;
        e.actorKind = AuditActor.SYSTEM.kind();
        return e;
    }
}
