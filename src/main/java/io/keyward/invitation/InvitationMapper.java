package io.keyward.invitation;

import io.keyward.wire.JsonOut;
import jakarta.json.JsonObject;

/** An invitation in TTS's wire JSON (API.md §7). */
final class InvitationMapper {
    private InvitationMapper() {
    }

    static JsonObject json(UserInvitationRegistry.Invitation i) {
        return JsonOut.object()
                .string("email", i.email())
                .string("token", i.token())
                .timestamp("expires_at", i.expiresAt())
                .timestamp("created_at", i.createdAt())
                .timestamp("updated_at", i.updatedAt())
                .timestamp("accepted_at", i.acceptedAt())
                .message("accepted_by", i.acceptedBy() == null ? null : JsonOut.object().string("user_id", i.acceptedBy()).build())
                .build();
    }
}
