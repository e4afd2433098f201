package io.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repeated refusals: the first of a kind in a window is written, the repeats are counted into one record
 * when the window closes, and a flood of kinds (made-up user IDs) is bounded too.
 */
class AuditRefusalsTest {
    private static final long WINDOW = 60_000;

    private static AuditEntity throttled(String target, String address, long at) {
        AuditEntity e = new AuditEntity();
        e.occurredAt = Instant.ofEpochMilli(at);
        e.action = "oauth.user.login";
        e.outcome = AuditEvent.THROTTLED;
        e.actorKind = "anonymous";
        e.clientAddress = address;
        e.targetType = "user";
        e.targetId = target;
        e.details = "{\"grant_type\":\"password\"}";
        return e;
    }

    private static JsonObject details(AuditEntity e) {
        try (var r = Json.createReader(new StringReader(e.details))) {
            return r.readObject();
        }
    }

    @Test
    void theFirstOfAKindIsWrittenAndItsRepeatsAreCountedIntoOneRecord() {
        AuditRefusals refusals = new AuditRefusals();
        assertTrue(refusals.admit(throttled("alice", "192.0.2.1", 1_000), 1_000, WINDOW));
        for (int i = 1; i <= 500; i++) {
            assertFalse(refusals.admit(throttled("alice", "192.0.2.1", 1_000 + i), 1_000 + i, WINDOW));
        }
        // Another user or address is another kind: written at once.
        assertTrue(refusals.admit(throttled("bob", "192.0.2.1", 2_000), 2_000, WINDOW));
        assertTrue(refusals.admit(throttled("alice", "192.0.2.2", 2_000), 2_000, WINDOW));

        assertEquals(List.of(), refusals.due(30_000, WINDOW), "the window is still open");
        List<AuditEntity> due = refusals.due(61_000, WINDOW);
        assertEquals(1, due.size(), "bob and the second address had no repeats");
        AuditEntity repeats = due.get(0);
        assertEquals("alice", repeats.targetId);
        assertEquals("192.0.2.1", repeats.clientAddress);
        assertEquals(AuditEvent.THROTTLED, repeats.outcome);
        assertEquals(500, details(repeats).getInt("repeated"));
        assertEquals("password", details(repeats).getString("grant_type"));
        assertEquals(Instant.ofEpochMilli(1_001), Instant.parse(details(repeats).getString("repeated_from")));
        assertEquals(Instant.ofEpochMilli(1_500), repeats.occurredAt);
        assertEquals(List.of(), refusals.due(62_000, WINDOW), "written once");

        // After the window the next refusal is a first again.
        assertTrue(refusals.admit(throttled("alice", "192.0.2.1", 70_000), 70_000, WINDOW));
    }

    @Test
    void aRefusalAfterTheWindowHandsTheCountOfTheClosedOneOn() {
        AuditRefusals refusals = new AuditRefusals();
        assertTrue(refusals.admit(throttled("alice", "192.0.2.1", 0), 0, WINDOW));
        assertFalse(refusals.admit(throttled("alice", "192.0.2.1", 10), 10, WINDOW));
        assertTrue(refusals.admit(throttled("alice", "192.0.2.1", WINDOW + 5), WINDOW + 5, WINDOW));
        List<AuditEntity> due = refusals.due(WINDOW + 6, WINDOW);
        assertEquals(1, due.size());
        assertEquals(1, details(due.get(0)).getInt("repeated"));
    }

    @Test
    void aFloodOfMadeUpUserIdsIsBoundedToTheOpenKindsAndOneCountPerAction() {
        AuditRefusals refusals = new AuditRefusals();
        int written = 0;
        for (int i = 0; i < 10 * AuditRefusals.MAX_OPEN; i++) {
            if (refusals.admit(throttled("made-up-" + i, "192.0.2.9", 5), 5, WINDOW)) {
                written++;
            }
        }
        assertEquals(AuditRefusals.MAX_OPEN, written);
        List<AuditEntity> due = refusals.due(10, WINDOW);
        assertEquals(1, due.size(), "the overflow, counted per action, outcome and actor kind");
        assertEquals(9 * AuditRefusals.MAX_OPEN, details(due.get(0)).getInt("repeated"));
        assertNull(due.get(0).targetId);
        assertNull(due.get(0).clientAddress);
    }

    @Test
    void aWindowOfZeroWritesEveryRefusal() {
        AuditRefusals refusals = new AuditRefusals();
        for (int i = 0; i < 3; i++) {
            assertTrue(refusals.admit(throttled("alice", "192.0.2.1", i), i, 0));
        }
    }
}
