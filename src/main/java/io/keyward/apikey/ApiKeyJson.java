package io.keyward.apikey;

import io.keyward.rights.RightsColumn;
import io.keyward.wire.JsonOut;
import io.keyward.wire.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The wire form of {@code ttn.lorawan.v3.APIKey}. */
public final class ApiKeyJson {
    static final String ANY_TYPE = "type.googleapis.com/ttn.lorawan.v3.APIKey";

    private ApiKeyJson() {
    }

    /** The key without its secret (every answer but CreateAPIKey's). */
    public static JsonObject of(ApiKeyEntity k) {
        return of(k, null);
    }

    /** With {@code token} as {@code key}: only in the CreateAPIKey answer. */
    static JsonObject of(ApiKeyEntity k, String token) {
        return JsonOut.object()
                .string("id", k.getKeyId())
                .string("key", token)
                .string("name", k.getName())
                .enumList("rights", RightsColumn.parse(k.getRights()))
                .timestamp("created_at", k.getCreatedAt())
                .timestamp("updated_at", k.getUpdatedAt())
                .timestamp("expires_at", k.getExpiresAt())
                .build();
    }

    /** As a {@code google.protobuf.Any} ({@code @type} first), for notification data. */
    static JsonObject any(ApiKeyEntity k) {
        JsonObjectBuilder b = JsonP.object().add("@type", ANY_TYPE);
        of(k).forEach(b::add);
        return b.build();
    }
}
