package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import io.keyward.it.Credentials;
import io.keyward.mail.TestSmtp;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §6, no secrets at rest in clear: after every mail flow that carries a secret (registration
 * with e-mail validation, temporary password, invitation) and the password-change notice, none of
 * those secrets is anywhere in the outbox while the mail waits for delivery (the SMTP server is down),
 * yet each mail, delivered once the server is back, carries it. On PostgreSQL every column of the rows
 * is read straight from the database (what a dump would show); on H2, which the server holds open,
 * what admins see.
 */
class OutboxAtRestAttackIT {
    static final String PASSWORD = "AtRest-Passw0rd";
    static final String NEW_PASSWORD = "AtRest-N3w-Passw0rd";

    @Test
    void noSecretOfAnyMailFlowIsStoredInClear() throws Exception {
        TestSmtp.start();
        String admin = Credentials.adminToken();
        String userId = Api.uniqueId("atrest");
        String userEmail = userId + "@example.com";
        String invited = Api.uniqueId("atrestinvite") + "@example.com";
        String invitationToken;
        List<String> stored;
        TestSmtp.stop();
        try {
            Reply created = Api.post("/api/v3/users", Json.createObjectBuilder()
                    .add("user", Json.createObjectBuilder()
                            .add("ids", Json.createObjectBuilder().add("user_id", userId))
                            .add("name", "At Rest")
                            .add("primary_email_address", userEmail)
                            .add("password", PASSWORD)).build(), null);
            assertEquals(200, created.status(), created.body());
            assertEquals(200, Api.post("/api/v3/users/" + userId + "/temporary_password", null, null).status());
            assertEquals(200, Api.put("/api/v3/users/" + userId + "/password",
                    Json.createObjectBuilder().add("old", PASSWORD).add("new", NEW_PASSWORD).build(), null).status());
            Reply invitation = Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", invited).build(), admin);
            assertEquals(200, invitation.status(), invitation.body());
            invitationToken = invitation.json().getString("token");
            // The mail is in the outbox once the API answered (same transaction); nothing was delivered.
            stored = stored(List.of(userEmail, invited), admin);
        } finally {
            TestSmtp.start();
        }
        assertTrue(stored.size() >= 4, "validate, temporary password, password changed, invitation: " + stored);

        List<TestSmtp.Mail> toUser = TestSmtp.await(userEmail, 3, java.time.Duration.ofSeconds(90));
        assertEquals(3, toUser.size(), "validate, temporary password and password-changed mail delivered");
        List<String> secrets = new ArrayList<>(List.of(invitationToken, PASSWORD, NEW_PASSWORD));
        // The validation's reference is public (the mail and the admin view show it); its token is the secret.
        secrets.add(found(toUser, "reference=[A-Z2-7]{39}&token=([A-Z2-7]{52})"));
        secrets.add(found(toUser, "Your temporary password is: (\\S+)"));
        List<TestSmtp.Mail> toInvited = TestSmtp.await(invited, 1, java.time.Duration.ofSeconds(90));
        assertEquals(1, toInvited.size());
        assertTrue(toInvited.get(0).text().contains(invitationToken), "the delivered invitation carries its token");

        for (String secret : secrets) {
            for (String value : stored) {
                assertFalse(value.contains(secret), "a secret is stored in clear in the outbox: " + value);
            }
        }
    }

    /** Group 1 of {@code regex} in the first mail whose text body matches (asserting one does). */
    static String found(List<TestSmtp.Mail> mails, String regex) {
        Pattern p = Pattern.compile(regex);
        for (TestSmtp.Mail m : mails) {
            Matcher matcher = p.matcher(m.text());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no mail matches " + regex);
    }

    /** Everything the outbox stores for these recipients: every column on PostgreSQL, the admin view on H2. */
    static List<String> stored(List<String> recipients, String admin) throws Exception {
        List<String> out = new ArrayList<>();
        String url = System.getProperty("keyward.pg.url");
        if (url != null && !url.isBlank()) {
            try (Connection db = DriverManager.getConnection(url, System.getProperty("keyward.pg.user"),
                    System.getProperty("keyward.pg.password"));
                 PreparedStatement s = db.prepareStatement("SELECT * FROM mail_outbox WHERE recipient = ANY (?)")) {
                s.setArray(1, db.createArrayOf("varchar", recipients.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            out.add(r.getMetaData().getColumnName(i) + "=" + r.getString(i));
                        }
                    }
                }
            }
            assertTrue(out.stream().anyMatch(v -> v.startsWith("sealed_body=") && !v.equals("sealed_body=null")),
                    "the deliverable copy is kept, sealed: " + out);
            return out;
        }
        Reply view = Api.get("/api/v3/keyward/mail/outbox?state=pending&limit=1000", admin);
        assertEquals(200, view.status(), view.body());
        for (var m : view.json().getJsonArray("messages").getValuesAs(jakarta.json.JsonObject.class)) {
            if (recipients.contains(m.getString("recipient"))) {
                out.add(m.toString());
            }
        }
        return out;
    }
}
