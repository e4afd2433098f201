package io.keyward.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import org.junit.jupiter.api.Test;

/** Black-box: the invitation, e-mail validation and outbox routes deny callers without rights (TESTS.md 55). */
class InvitationApiIT {

    @Test
    void withoutCredentialsInvitationsArePermissionDenied() {
        String email = Api.uniqueId("anon") + "@example.com";
        Reply send = Api.post("/api/v3/invitations", "{\"email\":\"" + email + "\"}", null);
        assertEquals(403, send.status(), send.body());
        assertEquals("no_invite_rights", send.errorName());
        assertEquals("pkg/identityserver", send.errorNamespace());

        Reply list = Api.get("/api/v3/invitations", null);
        assertEquals(403, list.status(), list.body());
        assertEquals("no_invite_rights", list.errorName());
        assertFalse(list.body().contains("invitations\""), "no data: " + list.body());

        Reply delete = Api.delete("/api/v3/invitations?email=" + Api.enc(email), null);
        assertEquals(403, delete.status(), delete.body());
        assertEquals("no_invite_rights", delete.errorName());
    }

    @Test
    void invalidAddressesAreRejectedBeforeRights() {
        Reply send = Api.post("/api/v3/invitations", "{\"email\":\"not-an-address\"}", null);
        assertEquals(400, send.status(), send.body());
        assertEquals("validation", send.errorName());
        Reply delete = Api.delete("/api/v3/invitations", null);
        assertEquals(400, delete.status(), delete.body());
        Reply malformed = Api.post("/api/v3/invitations", "{\"email\": 5}", null);
        assertEquals(400, malformed.status(), malformed.body());
        Reply limit = Api.get("/api/v3/invitations?limit=1001", null);
        assertEquals(400, limit.status(), limit.body());
    }

    @Test
    void emailValidationNeedsRightsOnTheUser() {
        Reply anonymous = Api.post("/api/v3/email/validation", "{\"user_id\":\"" + Api.uniqueId("nobody") + "\"}", null);
        assertEquals(403, anonymous.status(), anonymous.body());
        assertEquals("no_user_rights", anonymous.errorName());
        Reply invalid = Api.post("/api/v3/email/validation", "{\"user_id\":\"Not Valid\"}", null);
        assertEquals(400, invalid.status(), invalid.body());
        assertEquals("identifiers", invalid.errorName());
        Reply unknown = Api.patch("/api/v3/email/validation", "{\"id\":\"NOSUCHREFERENCE\",\"token\":\"NOSUCHTOKEN\"}", null);
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("validation_token_not_found", unknown.errorName());
        assertEquals("pkg/identityserver/store", unknown.errorNamespace());
    }

    @Test
    void theOutboxIsForAdminsOnly() {
        Reply outbox = Api.get("/api/v3/keyward/mail/outbox", null);
        assertEquals(403, outbox.status(), outbox.body());
        assertEquals("permission_denied", outbox.errorName());
        Reply bogus = Api.get("/api/v3/keyward/mail/outbox", "NNSXS.NOTAKEY.NOTASECRET");
        assertEquals(403, bogus.status(), bogus.body());
    }
}
