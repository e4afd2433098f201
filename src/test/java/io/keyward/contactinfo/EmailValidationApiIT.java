package io.keyward.contactinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.it.Api;
import io.keyward.it.Credentials;
import io.keyward.mail.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box, end to end over HTTP with the real SMTP server: registering sends the validate mail,
 * its link validates the address once, a resend inside the retry interval is refused, and changing
 * the address clears the validation and sends a new link.
 */
class EmailValidationApiIT {
    static final String PASSWORD = "Validate-Passw0rd";
    static final String LINK = "http://localhost:1885/oauth/validate\\?reference=([A-Z2-7]{39})&token=([A-Z2-7]{52})";

    @BeforeAll
    static void smtp() {
        TestSmtp.start();
    }

    static String[] link(String address) {
        List<TestSmtp.Mail> mails = TestSmtp.await(address);
        assertEquals(1, mails.size(), "one validate mail to " + address);
        TestSmtp.Mail m = mails.get(0);
        assertEquals("Please confirm your email address for The Things Stack for LoRaWAN", m.subject());
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(LINK).matcher(m.text());
        assertTrue(matcher.find(), m.text());
        return new String[] {matcher.group(1), matcher.group(2)};
    }

    static Reply validate(String[] link) {
        return Api.patch("/api/v3/email/validation",
                Json.createObjectBuilder().add("id", link[0]).add("token", link[1]).build(), null);
    }

    static JsonObject user(String userId, String token) {
        Reply r = Api.get("/api/v3/users/" + userId + "?field_mask=primary_email_address,primary_email_address_validated_at", token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void registerValidateChangeAddressValidateAgain() {
        String userId = Api.uniqueId("validating");
        String email = userId + "@example.com";
        Reply created = Api.post("/api/v3/users", Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", userId))
                        .add("name", "Val <idator>")
                        .add("primary_email_address", email)
                        .add("password", PASSWORD)).build(), null);
        assertEquals(200, created.status(), created.body());
        String token = Credentials.login(userId, PASSWORD);
        String[] first = link(email);
        assertTrue(TestSmtp.to(email).get(0).html().contains("Val &lt;idator&gt;"), "escaped name in HTML");
        assertFalse(user(userId, token).containsKey("primary_email_address_validated_at"));

        // A resend inside the retry interval (1h) is refused; nothing is sent.
        Reply resend = Api.post("/api/v3/email/validation", "{\"user_id\":\"" + userId + "\"}", token);
        assertEquals(403, resend.status(), resend.body());
        assertEquals("validation_request_forbidden", resend.errorName());
        assertTrue(resend.json().getString("message").contains("wait `1h0m0s` before retrying"), resend.body());
        // Someone else may not ask for it at all.
        Reply other = Api.post("/api/v3/email/validation", "{\"user_id\":\"" + userId + "\"}", null);
        assertEquals(403, other.status());
        assertEquals("no_user_rights", other.errorName());

        Reply ok = validate(first);
        assertEquals(200, ok.status(), ok.body());
        assertNotNull(user(userId, token).getString("primary_email_address_validated_at"));
        Reply again = validate(first);
        assertEquals(400, again.status(), again.body());
        assertEquals("validation_token_already_used", again.errorName());
        assertEquals(1, TestSmtp.to(email).size(), "no further mail");

        // A new address: the validation is cleared, a new link goes to the new address.
        String changed = Api.uniqueId("changed") + "@example.com";
        Reply update = Api.put("/api/v3/users/" + userId, Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", userId))
                        .add("primary_email_address", changed))
                .add("field_mask", Json.createObjectBuilder().add("paths", Json.createArrayBuilder().add("primary_email_address")))
                .build(), token);
        assertEquals(200, update.status(), update.body());
        JsonObject afterChange = user(userId, token);
        assertEquals(changed, afterChange.getString("primary_email_address"));
        assertFalse(afterChange.containsKey("primary_email_address_validated_at"), afterChange.toString());
        String[] second = link(changed);
        assertEquals(200, validate(second).status());
        assertNotNull(user(userId, token).getString("primary_email_address_validated_at"));
    }

    @Test
    void requestValidationWithoutAnOpenOneSendsANewLink() {
        // An admin-created user whose validation mail was already used: a fresh request is allowed.
        String userId = Api.uniqueId("requester");
        String email = userId + "@example.com";
        Reply created = Api.post("/api/v3/users", Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", userId))
                        .add("primary_email_address", email)
                        .add("password", PASSWORD)).build(), null);
        assertEquals(200, created.status(), created.body());
        String token = Credentials.login(userId, PASSWORD);
        assertEquals(200, validate(link(email)).status());
        Reply requested = Api.post("/api/v3/email/validation", "{\"user_id\":\"" + userId + "\"}", token);
        assertEquals(200, requested.status(), requested.body());
        JsonObject v = requested.json();
        assertEquals(39, v.getString("id").length());
        assertEquals(email, v.getString("address"));
        assertFalse(v.containsKey("token"), "the token is never returned");
        assertNotNull(v.getString("expires_at"));
        List<TestSmtp.Mail> mails = TestSmtp.await(email, 2, java.time.Duration.ofSeconds(90));
        assertEquals(2, mails.size());
        assertTrue(mails.get(1).text().contains("reference=" + v.getString("id")), mails.get(1).text());
    }
}
