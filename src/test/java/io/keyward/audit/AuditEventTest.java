package io.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an audit event stores: details and changes as JSON, nothing when there are none; column-length cuts. */
class AuditEventTest {

    @Test
    void detailsHoldTheChangesWithBeforeAndAfter() {
        AuditEvent e = AuditEvent.of("user.update").user("ada")
                .detail("field_mask", List.of("name", "temporary_password"))
                .change("name", Json.createValue("Ada"), Json.createValue("Ada Lovelace"))
                .change("admin", null, JsonValue.TRUE)
                .changeWithoutValues("temporary_password");
        assertEquals("{\"field_mask\":[\"name\",\"temporary_password\"],\"changes\":["
                + "{\"path\":\"name\",\"before\":\"Ada\",\"after\":\"Ada Lovelace\"},"
                + "{\"path\":\"admin\",\"before\":null,\"after\":true},"
                + "{\"path\":\"temporary_password\",\"values_recorded\":false}]}", e.detailsJson().toString());
        assertEquals("user", e.targetType);
        assertEquals(AuditEvent.SUCCESS, e.outcome);
    }

    @Test
    void noDetailsAreStoredAsNull() {
        assertNull(AuditEvent.of("user.delete").detail("absent", (String) null).detailsJson());
    }

    @Test
    void longValuesAreCutToTheirColumnWithoutSplittingASurrogatePair() {
        assertEquals("abc", AuditTrail.cut("abcdef", 3));
        assertEquals("ab", AuditTrail.cut("ab\uD83D\uDE00", 3));
        assertNull(AuditTrail.cut(null, 3));
    }
}
