package io.keyward.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ttn.lorawan.v3.APIKey on the wire: the secret only in CreateAPIKey's answer, zero values left out. */
class ApiKeyJsonTest {
    private static ApiKeyEntity key() {
        ApiKeyEntity k = new ApiKeyEntity();
        k.setKeyId("KEYID234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCD");
        k.setName("ci");
        k.setRights("14,1");
        k.setCreatedAt(Instant.parse("2026-01-02T03:04:05Z"));
        k.setUpdatedAt(Instant.parse("2026-01-02T03:04:06.5Z"));
        k.setSecretHash("argon2id$secret-hash-must-never-show");
        return k;
    }

    @Test
    void everyAnswerButCreateLeavesTheSecretOut() {
        JsonObject o = ApiKeyJson.of(key());
        assertEquals(List.of("id", "name", "rights", "created_at", "updated_at"), List.copyOf(o.keySet()));
        assertEquals("KEYID234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCD", o.getString("id"));
        assertFalse(o.toString().contains("secret-hash"));
    }

    @Test
    void createAnswerCarriesTheTokenAsKey() {
        JsonObject o = ApiKeyJson.of(key(), "NNSXS.ID.SECRET");
        assertEquals("NNSXS.ID.SECRET", o.getString("key"));
        assertEquals(List.of("id", "key", "name", "rights", "created_at", "updated_at"), List.copyOf(o.keySet()));
    }

    @Test
    void rightsByFullNameInStoredOrderAndTimestampsInRfc3339() {
        JsonObject o = ApiKeyJson.of(key());
        assertEquals("[\"RIGHT_USER_ALL\",\"RIGHT_USER_INFO\"]", o.get("rights").toString());
        assertEquals("2026-01-02T03:04:05Z", o.getString("created_at"));
        assertEquals("2026-01-02T03:04:06.500Z", o.getString("updated_at"));
    }

    @Test
    void zeroValuesAreLeftOutAndExpiryShownWhenSet() {
        ApiKeyEntity k = key();
        k.setName("");
        k.setRights("");
        k.setExpiresAt(Instant.parse("2027-01-01T00:00:00Z"));
        JsonObject o = ApiKeyJson.of(k);
        assertEquals(List.of("id", "created_at", "updated_at", "expires_at"), List.copyOf(o.keySet()));
        assertEquals("2027-01-01T00:00:00Z", o.getString("expires_at"));
        assertFalse(ApiKeyJson.of(k, "").containsKey("key"));
    }

    @Test
    void anyFormPutsTypeFirstAndNeverTheSecret() {
        JsonObject o = ApiKeyJson.any(key());
        assertEquals("@type", o.keySet().iterator().next());
        assertEquals("type.googleapis.com/ttn.lorawan.v3.APIKey", o.getString("@type"));
        assertFalse(o.containsKey("key"));
        assertEquals("ci", o.getString("name"));
    }
}
