package io.keyward.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.crypto.PasswordHasher;
import io.keyward.crypto.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TtsMappingTest {
    /** API.md §9.1's API-key vector: the secret and TTS's stored hash of it. */
    static final String KEY_SECRET = "PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA";
    static final String KEY_HASH = "PBKDF2$sha256$1000$Zx9_Yw8-Vu7Ts6Rq$fGI0YRdvrUVECy3FPCcKeV-ExJ9imi5EgnWyYlBPbjM";
    static final String PASSWORD_HASH = "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M";
    static final LocalDateTime T = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000);

    static TtsRows.User user(String id, String email, LocalDateTime deletedAt) {
        return new TtsRows.User("00000000-0000-0000-0000-000000000001", id, T, T.plusDays(1), deletedAt, "Alice",
                "desc", email, T, PASSWORD_HASH, T, true, 1, "ok", false, null, null, null, null, null);
    }

    static TtsRows.UserWithRows rows(TtsRows.User u, TtsRows.ApiKey... keys) {
        return new TtsRows.UserWithRows(u, Map.of(), List.of(keys), List.of());
    }

    static TtsRows.ApiKey key(Integer... rights) {
        return new TtsRows.ApiKey("KEYID", KEY_HASH, rights, "ci", T, T, null);
    }

    @Test
    void aValidUserKeepsEveryFieldAndTheHashesVerbatim() throws Exception {
        TtsRows.UserWithRows src = new TtsRows.UserWithRows(user("alice-1", "Alice@Example.com", null),
                new TreeMap<>(Map.of("team", "blue")), List.of(key(1, 14)), List.of());
        TtsMapping.UserWithRows m = TtsMapping.map(src);
        assertEquals("alice-1", m.user().userId());
        assertEquals("Alice@Example.com", m.user().email());
        assertEquals("alice@example.com", m.user().activeEmail());
        assertEquals(PASSWORD_HASH, m.user().passwordHash());
        assertTrue(PasswordHasher.verify("Correct-Horse-1", m.user().passwordHash()));
        assertEquals(T, m.user().createdAt());
        assertEquals("ok", m.user().stateDescription());
        assertEquals(Map.of("team", "blue"), m.attributes());
        TtsMapping.ApiKey k = m.apiKeys().get(0);
        assertEquals("1,14", k.rights());
        assertEquals(KEY_HASH, k.secretHash());
        assertTrue(Tokens.verifySecret(KEY_SECRET, k.secretHash()), "the old secret still verifies");
        assertTrue(!Tokens.verifySecret(KEY_SECRET + "A", k.secretHash()));
    }

    @Test
    void aDeletedUserHoldsNoActiveAddress() throws Exception {
        assertNull(TtsMapping.map(rows(user("gone", "g@example.com", T))).user().activeEmail());
    }

    @Test
    void keywardsRulesRefuseTheWholeUserWithTheReason() {
        TtsMapping.Refused badId = assertThrows(TtsMapping.Refused.class,
                () -> TtsMapping.map(rows(user("Bad_ID", "b@example.com", null))));
        assertTrue(badId.getMessage().startsWith("user_id: value does not match regex pattern"), badId.getMessage());
        TtsMapping.Refused longId = assertThrows(TtsMapping.Refused.class,
                () -> TtsMapping.map(rows(user("a".repeat(37), "b@example.com", null))));
        assertEquals("user_id: value length must be at most 36 runes", longId.getMessage());
        TtsMapping.Refused email = assertThrows(TtsMapping.Refused.class,
                () -> TtsMapping.map(rows(user("bob", "not an address", null))));
        assertTrue(email.getMessage().startsWith("primary_email_address"), email.getMessage());
        TtsMapping.Refused right = assertThrows(TtsMapping.Refused.class,
                () -> TtsMapping.map(rows(user("bob", "b@example.com", null), key(1, 999))));
        assertEquals("api key KEYID: right 999 is not a defined Right", right.getMessage());
        TtsMapping.Refused attribute = assertThrows(TtsMapping.Refused.class, () -> TtsMapping.map(
                new TtsRows.UserWithRows(user("bob", "b@example.com", null), Map.of("X", "y"), List.of(), List.of())));
        assertTrue(attribute.getMessage().startsWith("attributes key \"X\""), attribute.getMessage());
        TtsMapping.Refused hash = assertThrows(TtsMapping.Refused.class, () -> TtsMapping.map(rows(
                user("bob", "b@example.com", null), new TtsRows.ApiKey("K", "plain", new Integer[] {1}, "", T, T, null))));
        assertTrue(hash.getMessage().contains("PBKDF2"), hash.getMessage());
    }

    @Test
    void picturesAreDecodedFromProtobufIntoKeywardsJson() throws Exception {
        Map<Long, String> sizes = new LinkedHashMap<>();
        sizes.put(256L, "alice.01H/256.png");
        sizes.put(0L, "alice.01H/original.png");
        assertEquals("{\"sizes\":{\"0\":\"alice.01H/original.png\",\"256\":\"alice.01H/256.png\"}}",
                TtsMapping.picture(PictureProto.encode(null, null, sizes)));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        assertEquals("{\"embedded\":{\"mime_type\":\"image/png\",\"data\":\"iVBORwABAg==\"}}",
                TtsMapping.picture(PictureProto.encode("image/png", png, Map.of())));
        assertNull(TtsMapping.picture(null));
        assertThrows(TtsMapping.Refused.class, () -> TtsMapping.picture(new byte[] {0x0A, 0x7F, 1}));
    }

    @Test
    void consolePreferencesGetEnumNamesAndLoseZeroValues() throws Exception {
        String tts = "{\"console_theme\":2,\"dashboard_layouts\":{\"api_key\":1,\"gateway\":0},\"sort_by\":{\"user\":\"-name\"}}";
        assertEquals("{\"console_theme\":\"CONSOLE_THEME_DARK\",\"dashboard_layouts\":{\"api_key\":\"DASHBOARD_LAYOUT_LIST\"},"
                        + "\"sort_by\":{\"user\":\"-name\"}}",
                TtsMapping.consolePreferences(tts.getBytes(StandardCharsets.UTF_8)));
        assertEquals("{}", TtsMapping.consolePreferences("{\"console_theme\":0}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(TtsMapping.Refused.class,
                () -> TtsMapping.consolePreferences("{\"console_theme\":7}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(TtsMapping.Refused.class, () -> TtsMapping.consolePreferences("[".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void notificationsGetKeywardsEntityFormAndTypeFirst() throws Exception {
        TtsRows.Notification n = new TtsRows.Notification("6b1c2a3e-0000-4000-8000-000000000001", T, "end_device",
                "app-1.dev-1", "api_key_created", "{\"key\": 1, \"@type\": \"type.googleapis.com/ttn.lorawan.v3.APIKey\"}",
                "alice", new Integer[] {1, 3}, true);
        TtsMapping.Notification m = TtsMapping.notification(n);
        assertEquals("end device", m.entityType());
        assertEquals("dev-1", m.entityId());
        assertEquals("{\"device_ids\":{\"device_id\":\"dev-1\",\"application_ids\":{\"application_id\":\"app-1\"}}}",
                m.entityIds());
        assertEquals("{\"@type\":\"type.googleapis.com/ttn.lorawan.v3.APIKey\",\"key\":1}", m.data());
        assertEquals("1,3", m.receivers());
        assertEquals("alice", m.senderUserId());
        assertThrows(TtsMapping.Refused.class, () -> TtsMapping.notification(new TtsRows.Notification("x", T, "moon",
                "m", "t", null, "", null, false)));
        assertThrows(TtsMapping.Refused.class, () -> TtsMapping.notification(new TtsRows.Notification("x", T, "user",
                "u1", "t", null, "", new Integer[] {2}, false)));
    }

    @Test
    void aTemporaryPasswordStoredInClearIsHashedAHashIsKept() {
        assertEquals(PASSWORD_HASH, TtsMapping.temporaryPasswordHash(PASSWORD_HASH));
        String hashed = TtsMapping.temporaryPasswordHash("Temp-Secret-1");
        assertTrue(hashed.startsWith("ARGON2ID$"), hashed);
        assertTrue(PasswordHasher.verify("Temp-Secret-1", hashed));
        assertEquals("", TtsMapping.temporaryPasswordHash(null));
    }

    @Test
    void invitationsExpireAsInTtsAndNeedAValidAddress() throws Exception {
        LocalDateTime now = T.plusDays(1);
        TtsMapping.Invitation i = TtsMapping.invitation(new TtsRows.Invitation("x@example.com", "TOKEN", null, T, T), now);
        assertEquals(T.plusHours(168), i.expiresAt());
        assertEquals(64, i.tokenHash().length());
        assertNull(TtsMapping.invitation(new TtsRows.Invitation("x@example.com", "TOKEN", now.minusSeconds(1), T, T), now));
        assertThrows(TtsMapping.Refused.class,
                () -> TtsMapping.invitation(new TtsRows.Invitation("nope", "TOKEN", null, T, T), now));
    }
}
