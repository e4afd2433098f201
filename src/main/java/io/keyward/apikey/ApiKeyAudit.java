package io.keyward.apikey;

import io.keyward.audit.AuditEvent;
import io.keyward.rights.Right;
import io.keyward.rights.RightsColumn;
import io.keyward.wire.JsonP;
import io.keyward.wire.Timestamps;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Objects;

/** An API key's name, rights and expiry as its audit records show them; never its secret or hash. */
final class ApiKeyAudit {
    private ApiKeyAudit() {
    }

    record Snapshot(JsonValue name, JsonValue rights, JsonValue expiresAt) {
    }

    static Snapshot snapshot(ApiKeyEntity k) {
        return new Snapshot(string(k.getName()), rights(k.getRights()), time(k.getExpiresAt()));
    }

    /** Adds the fields that differ between {@code before} and {@code after}. */
    static AuditEvent changes(AuditEvent event, Snapshot before, Snapshot after) {
        if (!Objects.equals(before.name(), after.name())) {
            event.change("name", before.name(), after.name());
        }
        if (!Objects.equals(before.rights(), after.rights())) {
            event.change("rights", before.rights(), after.rights());
        }
        if (!Objects.equals(before.expiresAt(), after.expiresAt())) {
            event.change("expires_at", before.expiresAt(), after.expiresAt());
        }
        return event;
    }

    static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : JsonP.provider().createValue(s);
    }

    static JsonValue time(Instant t) {
        return t == null ? JsonValue.NULL : JsonP.provider().createValue(Timestamps.format(t));
    }

    /** The rights by their proto names, in stored order. */
    static JsonValue rights(String column) {
        JsonArrayBuilder a = JsonP.array();
        for (Right r : RightsColumn.parse(column)) {
            a.add(r.fullName());
        }
        return a.build();
    }
}
