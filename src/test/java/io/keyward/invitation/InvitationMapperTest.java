package io.keyward.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ttn.lorawan.v3.Invitation on the wire (API.md §7): zero values left out, accepted_by as UserIdentifiers. */
class InvitationMapperTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-01-08T10:00:00Z");

    @Test
    void anOpenInvitationHasNoAcceptance() {
        JsonObject o = InvitationMapper.json(new UserInvitationRegistry.Invitation("bob@example.com", "TOKEN",
                EXPIRES, CREATED, CREATED, null, null));
        assertEquals(List.of("email", "token", "expires_at", "created_at", "updated_at"), List.copyOf(o.keySet()));
        assertEquals("bob@example.com", o.getString("email"));
        assertEquals("TOKEN", o.getString("token"));
        assertEquals("2026-01-08T10:00:00Z", o.getString("expires_at"));
    }

    @Test
    void anAcceptedInvitationNamesTheUser() {
        Instant accepted = Instant.parse("2026-01-02T11:12:13.456789Z");
        JsonObject o = InvitationMapper.json(new UserInvitationRegistry.Invitation("bob@example.com", "TOKEN",
                EXPIRES, CREATED, accepted, accepted, "bob"));
        assertEquals("2026-01-02T11:12:13.456789Z", o.getString("accepted_at"));
        assertEquals("{\"user_id\":\"bob\"}", o.get("accepted_by").toString());
    }

    @Test
    void aListedInvitationWithoutTokenOrExpiryLeavesThemOut() {
        JsonObject o = InvitationMapper.json(new UserInvitationRegistry.Invitation("bob@example.com", "",
                null, CREATED, CREATED, null, null));
        assertEquals(List.of("email", "created_at", "updated_at"), List.copyOf(o.keySet()));
    }
}
