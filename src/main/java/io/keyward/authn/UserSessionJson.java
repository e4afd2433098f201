package io.keyward.authn;

import io.keyward.wire.JsonOut;
import io.keyward.wire.JsonP;
import jakarta.json.JsonObject;

/**
 * The wire form of {@code ttn.lorawan.v3.UserSession}, plus Keyward's own fields {@code client_address},
 * {@code user_agent} (of the sign-in) and {@code last_used_at}, so that a user can tell a sign-in that is
 * not theirs. TTS's {@code session_secret} is never answered (Keyward's sessions have none).
 */
final class UserSessionJson {
    private UserSessionJson() {
    }

    static JsonObject of(String userId, SessionEntity s) {
        return JsonOut.object()
                .message("user_ids", JsonP.object().add("user_id", userId).build())
                .string("session_id", s.getSessionId())
                .timestamp("created_at", s.getCreatedAt())
                .timestamp("updated_at", s.getUpdatedAt())
                .timestamp("expires_at", s.getExpiresAt())
                .string("client_address", s.getClientAddress())
                .string("user_agent", s.getUserAgent())
                .timestamp("last_used_at", s.getLastUsedAt())
                .build();
    }
}
