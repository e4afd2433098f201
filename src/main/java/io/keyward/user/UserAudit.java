package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.wire.FieldMask;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user's fields as its audit records show them: the wire form of every field (no secret: the mapper
 * never writes a password or its hash), compared before and after a change.
 */
final class UserAudit {
    /** Bookkeeping that changes with every write and tells nothing. */
    private static final Set<String> SKIPPED = Set.of("ids", "created_at", "updated_at");
    /** Changed fields shown without their values: large, or derived from what the request sent. */
    private static final Set<String> WITHOUT_VALUES = Set.of("profile_picture");

    private UserAudit() {
    }

    /** Every field of {@code u}; the attributes only when {@code mask} touches them (else they are not loaded). */
    static JsonObject snapshot(UserEntity u, FieldMask mask) {
        return UserMapper.full(u, "", UserMapper.attributesIfAsked(u, mask));
    }

    /** Adds a change (path, before, after) for each field whose value differs. */
    static AuditEvent changes(AuditEvent event, JsonObject before, JsonObject after) {
        Set<String> fields = new LinkedHashSet<>(before == null ? Set.of() : before.keySet());
        fields.addAll(after.keySet());
        for (String field : fields) {
            if (SKIPPED.contains(field)) {
                continue;
            }
            JsonValue was = before == null ? null : before.get(field);
            JsonValue now = after.get(field);
            if (Objects.equals(was, now)) {
                continue;
            }
            if (WITHOUT_VALUES.contains(field)) {
                event.changeWithoutValues(field);
            } else {
                event.change(field, was, now);
            }
        }
        return event;
    }
}
