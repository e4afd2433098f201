package io.keyward.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.user.UserProvisioning.Account;
import io.keyward.user.UserProvisioning.Filter;
import io.keyward.user.UserProvisioning.Profile;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SCIM's filters, PATCH operations and resources mapped to Keyward's users, with the IdPs' shapes. */
class ScimMappingTest {
    private static final Account ALICE = new Account("alice", "Alice Jones", "alice@example.com", true, false,
            "00u1", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));

    private static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    private static JsonObject patch(String operations) {
        return json("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}");
    }

    @Test
    void filtersOfTheIdentityProviders() {
        assertEquals(Optional.of(new Filter("alice", null, null, null)),
                ScimUsers.filter(ScimFilter.parse("userName eq \"Alice\"")));
        assertEquals(Optional.of(new Filter(null, "a@x.example", null, null)),
                ScimUsers.filter(ScimFilter.parse("emails[type eq \"work\"].value eq \"a@x.example\"")));
        assertEquals(Optional.of(new Filter(null, null, "00u \"q\"", false)),
                ScimUsers.filter(ScimFilter.parse("externalId eq \"00u \\\"q\\\"\" AND active eq false")));
        assertEquals(Optional.empty(), ScimUsers.filter(ScimFilter.parse("emails[type eq \"home\"].value eq \"a@x\"")));
        assertEquals(Optional.empty(), ScimUsers.filter(ScimFilter.parse("userName eq \"a\" and userName eq \"b\"")));
        assertEquals(Optional.empty(), ScimUsers.filter(ScimFilter.parse("userName eq \"a@okta.local\"")));
        assertEquals(Optional.of(Filter.ALL), ScimUsers.filter(ScimFilter.parse(null)));
        for (String bad : List.of("userName sw \"a\"", "userName eq", "userName eq \"a", "userName eq \"a\" or active eq true",
                "title eq \"x\"", "emails[value co \"x\"].value eq \"y\"")) {
            ScimException e = assertThrows(ScimException.class, () -> ScimUsers.filter(ScimFilter.parse(bad)), bad);
            assertEquals("invalidFilter", e.scimType(), bad);
        }
    }

    @Test
    void entraPatchOperations() {
        Profile p = ScimUsers.patch(ALICE, patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"},"
                + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@example.com\"},"
                + "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"Smith\"},"
                + "{\"op\":\"Add\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":\"R&D\"}]"));
        assertEquals(new Profile("alice", "Alice Smith", "new@example.com", false, "00u1"), p);
        assertEquals("Bob", ScimUsers.patch(ALICE, patch("[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Bob\"},"
                + "{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\"X\"},"
                + "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Bob\"}]")).name());
        assertEquals("", ScimUsers.patch(ALICE, patch("[{\"op\":\"Remove\",\"path\":\"externalId\"}]")).externalId());
        ScimException rename = assertThrows(ScimException.class, () -> ScimUsers.patch(ALICE,
                patch("[{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"bob\"}]")));
        assertEquals("mutability", rename.scimType());
        // The same userName in another case is no change.
        assertEquals("alice", ScimUsers.patch(ALICE, patch("[{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"ALICE\"}]")).userId());
    }

    @Test
    void oktaPatchAndCreate() {
        Profile off = ScimUsers.patch(ALICE, patch("[{\"op\":\"replace\",\"value\":{\"active\":false}}]"));
        assertFalse(off.active());
        assertEquals("Alice Jones", off.name());
        Profile created = ScimUsers.profile(json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"Test-User\",\"name\":{\"givenName\":\"Test\",\"familyName\":\"User\"},"
                + "\"emails\":[{\"primary\":false,\"value\":\"home@x\",\"type\":\"home\"},{\"primary\":true,\"value\":\"t@x\",\"type\":\"work\"}],"
                + "\"externalId\":\"00ujl29u0le5T6Aj10h7\",\"password\":\"1mz050nq\",\"active\":true}"), true);
        assertEquals(new Profile("test-user", "Test User", "t@x", true, "00ujl29u0le5T6Aj10h7"), created);
        ScimException email = assertThrows(ScimException.class, () -> ScimUsers.profile(
                json("{\"userName\":\"test.user@okta.local\"}"), true));
        assertEquals("invalidValue", email.scimType());
        assertTrue(email.getMessage().contains("cannot be a Keyward user ID"), email.getMessage());
        Profile put = ScimUsers.profile(json("{\"userName\":\"alice\"}"), false);
        assertNull(put.email());
        assertNull(put.active());
    }

    @Test
    void groupMembershipOperations() {
        ScimGroups.Group g = new ScimGroups.Group("admins", "keyward-admins");
        Set<String> current = new LinkedHashSet<>(List.of("admin", "alice"));
        assertEquals(Set.of("admin", "alice", "bob"), ScimGroups.patch(g, current, patch(
                "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"bob\"}]}]")));
        assertEquals(Set.of("admin"), ScimGroups.patch(g, current, patch(
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"alice\\\"]\"}]")));
        assertEquals(Set.of("admin"), ScimGroups.patch(g, current, patch(
                "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"alice\"}]}]")));
        assertEquals(Set.of("carol"), ScimGroups.patch(g, current, patch(
                "[{\"op\":\"replace\",\"value\":{\"id\":\"admins\",\"displayName\":\"Keyward-Admins\",\"members\":[{\"value\":\"carol\"}]}}]")));
        ScimException rename = assertThrows(ScimException.class, () -> ScimGroups.patch(g, current, patch(
                "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Sales\"}]")));
        assertEquals("mutability", rename.scimType());
        assertTrue(ScimGroups.matches(g, ScimFilter.parse("displayName eq \"KEYWARD-admins\"")));
        assertFalse(ScimGroups.matches(g, ScimFilter.parse("displayName eq \"Sales\"")));
    }

    @Test
    void aUserResource() {
        JsonObject r = ScimUsers.resource(ALICE, "https://k.example/scim/v2", new ScimGroups.Group("admins", "keyward-admins"));
        assertEquals("alice", r.getString("userName"));
        assertEquals("00u1", r.getString("externalId"));
        assertEquals("https://k.example/scim/v2/Users/alice", r.getJsonObject("meta").getString("location"));
        assertEquals("W/\"" + ALICE.updatedAt().toEpochMilli() * 1000 + "\"", r.getJsonObject("meta").getString("version"),
                "microseconds, as stored");
        assertFalse(r.containsKey("groups"));
    }

    @Test
    void ifMatchNamesTheVersionsAWriteMayChange() {
        String current = ScimJson.version(ALICE.updatedAt());
        Account later = new Account("alice", "Alice Jones", "alice@example.com", true, false, "00u1",
                ALICE.createdAt(), ALICE.updatedAt().plusNanos(1000));
        assertTrue(!current.equals(ScimJson.version(later.updatedAt())), "a microsecond later is another version");
        ScimServlet.requireVersion(null, ALICE);
        ScimServlet.requireVersion(current, ALICE);
        ScimServlet.requireVersion(current.substring(2), ALICE);
        ScimServlet.requireVersion("*", ALICE);
        ScimServlet.requireVersion("W/\"1\", " + current, ALICE);
        ScimException stale = assertThrows(ScimException.class, () -> ScimServlet.requireVersion(current, later));
        assertEquals(412, stale.status());
        assertNull(stale.scimType());
    }
}
