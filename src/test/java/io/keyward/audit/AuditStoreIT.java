package io.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.ops.Deployments;
import io.keyward.wire.Timestamps;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit store in the container: a refusal's record commits although the caller's work rolls back, a
 * change's record does not; a record reads back as it was written, whichever of the three ways wrote it;
 * the retention purge deletes what is older than the cut-off, batch by batch, and nothing newer.
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
    void aRecordReadsBackAsWrittenByEachWayOfWritingIt() throws Exception {
        String action = "test.readback-" + UUID.randomUUID();
        // Microseconds, as the column keeps them; a time far from now catches a time-zone shift either way.
        Instant at = Instant.parse("2031-03-30T01:30:00.123456Z");
        AuditEntity inChange = full(action, at, "in-change");
        AuditEntity keepingId = full(action, at.plusSeconds(1), "keeping-id");
        AuditEntity alone = entity(action, at.plusSeconds(2)); // the nullable columns left null
        tx.begin();
        store.insert(inChange);
        store.insertKeepingId(keepingId);
        tx.commit();
        store.insertAlone(alone);

        assertNull(inChange.id, "the one-statement insert does not read the key back");
        assertNotNull(keepingId.id);
        assertNotNull(alone.id);
        List<AuditEntity> read = store.list(new AuditStore.Filter(null, null, action, null, null), 10, 0);
        assertEquals(3, read.size());
        assertEquals(keepingId.id, read.get(1).id);
        assertSame(alone, read.get(0));
        assertSame(keepingId, read.get(1));
        assertSame(inChange, read.get(2));
    }

    @Test
    void aChangesRecordWrittenOutsideATransactionCommitsOnItsOwn() {
        String action = "test.no-transaction-" + UUID.randomUUID();
        store.insert(entity(action, Timestamps.now()));
        assertEquals(1, count(action));
    }

    private static void assertSame(AuditEntity expected, AuditEntity actual) {
        assertEquals(expected.occurredAt.truncatedTo(ChronoUnit.MICROS), actual.occurredAt, "occurred_at");
        assertEquals(expected.action, actual.action);
        assertEquals(expected.outcome, actual.outcome);
        assertEquals(expected.actorKind, actual.actorKind);
        assertEquals(expected.actorUserId, actual.actorUserId);
        assertEquals(expected.actorCredential, actual.actorCredential);
        assertEquals(expected.clientAddress, actual.clientAddress);
        assertEquals(expected.correlationId, actual.correlationId);
        assertEquals(expected.targetType, actual.targetType);
        assertEquals(expected.targetId, actual.targetId);
        assertEquals(expected.details, actual.details);
    }

    private static AuditEntity full(String action, Instant at, String tag) {
        AuditEntity e = entity(action, at);
        e.actorKind = "user";
        e.actorUserId = "actor-" + tag;
        e.actorCredential = "api-key-" + tag;
        e.clientAddress = "2001:db8::" + tag.length();
        e.correlationId = "corr-" + tag;
        e.targetType = "user";
        e.targetId = "target-" + tag;
        e.details = "{\"field_mask\":[\"name\"],\"tag\":\"" + tag + "\"}";
        return e;
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
