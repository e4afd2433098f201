package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.entity.State;
import io.keyward.wire.FieldMask;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads of a user as TTS answers them (API.md §1.5, §3.1): the read mask, zero values, public-only, pictures. */
class UserMapperTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-01-02T00:00:00.5Z");
    private static final Instant VALIDATED = Instant.parse("2026-01-03T00:00:00Z");
    private static final UserMapper.ReadOptions PLAIN = UserMapper.ReadOptions.LIST;
    private static final UserMapper.ReadOptions PUBLIC = new UserMapper.ReadOptions(true, false, null);

    private static UserEntity alice() {
        UserEntity u = new UserEntity();
        u.setUserId("alice");
        u.setCreatedAt(CREATED);
        u.setUpdatedAt(UPDATED);
        u.setName("Alice");
        u.setPrimaryEmailAddress("alice@example.com");
        u.setPrimaryEmailAddressValidatedAt(VALIDATED);
        u.setPasswordHash("argon2id$never-shown");
        u.setTemporaryPasswordHash("argon2id$temporary-never-shown");
        u.setState((short) State.STATE_APPROVED.number());
        u.setConsolePreferences("{\"console_theme\":\"CONSOLE_THEME_DARK\",\"sort_by\":{\"user\":\"name\"}}");
        return u;
    }

    private static JsonObject read(UserEntity u, UserMapper.ReadOptions options, String... paths) {
        FieldMask mask = FieldMask.of(paths);
        return UserMapper.read(u, mask, UserMapper.attributesIfAsked(u, mask), options);
    }

    @Test
    void noMaskGivesIdsAndTimestampsOnly() {
        JsonObject o = read(alice(), PLAIN);
        assertEquals("{\"ids\":{\"user_id\":\"alice\"},\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-02T00:00:00.500Z\"}", o.toString());
    }

    @Test
    void deletedAtIsAddedWhenSet() {
        UserEntity u = alice();
        u.setDeletedAt(Instant.parse("2026-02-01T00:00:00Z"));
        assertEquals(List.of("ids", "created_at", "updated_at", "deleted_at"), List.copyOf(read(u, PLAIN).keySet()));
    }

    @Test
    void askedFieldsInProtoOrderAndZeroValuesLeftOut() {
        JsonObject o = read(alice(), PLAIN, "state", "name", "admin", "description", "require_password_update");
        // admin false, empty description and require_password_update false are zero values.
        assertEquals(List.of("ids", "created_at", "updated_at", "name", "state"), List.copyOf(o.keySet()));
        assertEquals("STATE_APPROVED", o.getString("state"));
        UserEntity requested = alice();
        requested.setState((short) 0);
        assertFalse(read(requested, PLAIN, "state").containsKey("state"));
    }

    @Test
    void fullNeverHoldsPasswordsAndAlwaysConsolePreferences() {
        UserEntity u = alice();
        u.setConsolePreferences(null);
        JsonObject full = UserMapper.full(u, null, Map.of());
        assertFalse(full.toString().contains("never-shown"));
        assertFalse(full.containsKey("password"));
        assertFalse(full.containsKey("temporary_password"));
        assertEquals("{}", full.get("console_preferences").toString());
        assertFalse(full.containsKey("profile_picture"));
    }

    @Test
    void aSubPathReturnsOnlyThatPartOfItsMessage() {
        JsonObject o = read(alice(), PLAIN, "console_preferences.console_theme");
        assertEquals("{\"console_theme\":\"CONSOLE_THEME_DARK\"}", o.get("console_preferences").toString());
        assertEquals("{\"console_theme\":\"CONSOLE_THEME_DARK\",\"sort_by\":{\"user\":\"name\"}}",
                read(alice(), PLAIN, "console_preferences").get("console_preferences").toString());
    }

    @Test
    void contactInfoIsMadeFromThePrimaryAddress() {
        JsonObject o = read(alice(), PLAIN, "contact_info");
        assertEquals("[{\"contact_method\":\"CONTACT_METHOD_EMAIL\",\"value\":\"alice@example.com\","
                + "\"validated_at\":\"2026-01-03T00:00:00Z\"}]", o.get("contact_info").toString());
        UserEntity unvalidated = alice();
        unvalidated.setPrimaryEmailAddressValidatedAt(null);
        assertEquals("[{\"contact_method\":\"CONTACT_METHOD_EMAIL\",\"value\":\"alice@example.com\"}]",
                read(unvalidated, PLAIN, "contact_info").get("contact_info").toString());
    }

    @Test
    void publicOnlyDropsPrivateFieldsAndContactInfo() {
        JsonObject o = read(alice(), PUBLIC, "name", "primary_email_address", "contact_info", "attributes", "state");
        assertEquals(List.of("ids", "created_at", "updated_at", "name", "state"), List.copyOf(o.keySet()));
    }

    @Test
    void attributesOnlyWhenAskedAndSortedByKey() {
        UserEntity u = alice();
        u.setAttributes(new java.util.LinkedHashMap<>(Map.of("zone", "eu", "app", "x")));
        assertEquals(Map.of(), UserMapper.attributesIfAsked(u, FieldMask.of("name")));
        assertEquals("{\"app\":\"x\",\"zone\":\"eu\"}", read(u, PLAIN, "attributes").get("attributes").toString());
        assertFalse(read(u, PLAIN, "name").containsKey("attributes"));
    }

    @Test
    void gravatarFillsAMissingPictureFromTheNormalisedAddress() {
        // Gravatar's documented example: "MyEmailAddress@example.com " hashes as its trimmed lower-case form.
        JsonObject g = UserMapper.gravatar(" MyEmailAddress@example.com ");
        assertEquals("https://www.gravatar.com/avatar/0bc83cb571cd1c50ba6f3e8a78ef1346?s=128&d=404",
                g.getJsonObject("sizes").getString("128"));
        assertEquals(List.of("64", "128", "256", "512"), List.copyOf(g.getJsonObject("sizes").keySet()));
        assertNull(UserMapper.gravatar(""));

        UserMapper.ReadOptions get = new UserMapper.ReadOptions(false, true, null);
        assertTrue(read(alice(), get, "profile_picture").containsKey("profile_picture"));
        assertFalse(read(alice(), get, "name").containsKey("profile_picture"));
        assertFalse(read(alice(), PLAIN, "profile_picture").containsKey("profile_picture"));
    }

    @Test
    void storedPictureSizesGetTheBucketPrefix() {
        UserEntity u = alice();
        u.setProfilePicture("{\"sizes\":{\"0\":\"/pictures/a.png\",\"256\":\"https://cdn.example/b.png\"}}");
        UserMapper.ReadOptions prefixed = new UserMapper.ReadOptions(false, true, "https://bucket.example/");
        assertEquals("{\"sizes\":{\"0\":\"https://bucket.example/pictures/a.png\",\"256\":\"https://cdn.example/b.png\"}}",
                read(u, prefixed, "profile_picture").get("profile_picture").toString());
        assertEquals("{\"0\":\"/pictures/a.png\",\"256\":\"https://cdn.example/b.png\"}",
                read(u, PLAIN, "profile_picture").getJsonObject("profile_picture").get("sizes").toString());
    }
}
