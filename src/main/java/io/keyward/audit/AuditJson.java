package io.keyward.audit;

import io.keyward.wire.JsonOut;
import io.keyward.wire.JsonP;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** A record as the API answers it and the SIEM log line shows it. */
final class AuditJson {
    private AuditJson() {
    }

    static JsonObject of(AuditEntity e) {
        JsonOut actor = JsonOut.object().string("kind", e.actorKind).string("user_id", e.actorUserId)
                .string("credential_id", e.actorCredential);
        JsonOut out = JsonOut.object()
                .string("id", e.id == null ? null : Long.toString(e.id))
                .timestamp("time", e.occurredAt)
                .string("action", e.action)
                .string("outcome", e.outcome)
                .message("actor", actor)
                .string("client_address", e.clientAddress)
                .string("correlation_id", e.correlationId);
        if (e.targetType != null) {
            out.message("target", JsonOut.object().string("type", e.targetType).string("id", e.targetId));
        }
        if (e.details != null) {
            try (var reader = JsonP.reader(new StringReader(e.details))) {
                out.raw("details", reader.readObject());
            }
        }
        return out.build();
    }
}
