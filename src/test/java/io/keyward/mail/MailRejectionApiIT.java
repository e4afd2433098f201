package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import io.keyward.it.Credentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on every database (issue 13 §4): a message the SMTP server rejects permanently (550) is
 * dead-lettered at its first attempt, shown to admins under {@code state=dead} with its error, and
 * never sent again once a working server is back.
 */
class MailRejectionApiIT {

    static JsonObject find(String query, String recipient) {
        Map<String, JsonObject> rows = MailOutageApiIT.outbox(List.of(recipient), query);
        return rows.get(recipient);
    }

    @Test
    void aPermanentRejectionDeadLettersTheMessageAtOnce() throws Exception {
        TestSmtp.start();
        String admin = Credentials.adminToken();
        String rejected = Api.uniqueId("rejectme") + "@example.com";
        TestSmtp.stop();
        Map<String, JsonObject> dead;
        try (RejectingSmtp smtp = new RejectingSmtp(TestSmtp.PORT, "rejectme")) {
            Reply sent = Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", rejected).build(), admin);
            assertEquals(200, sent.status(), sent.body());
            dead = MailOutageApiIT.awaitOutbox(List.of(rejected), "", m -> "dead".equals(m.getString("state", "")));
            assertTrue(smtp.recipients().stream().anyMatch(r -> r.contains(rejected)), "the server was asked: " + smtp.recipients());
        } finally {
            TestSmtp.start();
        }
        JsonObject m = dead.get(rejected);
        assertNotNull(m, "in the outbox: " + rejected);
        assertEquals("dead", m.getString("state"), m.toString());
        assertEquals(1, m.getInt("attempts"), "dead-lettered at the first permanent rejection: " + m);
        assertTrue(m.getString("last_error").contains("550"), m.toString());
        assertTrue(m.containsKey("dead_at") && !m.containsKey("sent_at") && !m.containsKey("next_attempt_at"), m.toString());

        // A message queued after it goes out through the working server; the dead one does not.
        String marker = Api.uniqueId("aftermarker") + "@example.com";
        assertEquals(200, Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", marker).build(), admin).status());
        assertEquals(1, TestSmtp.await(marker).size(), "the server works again");
        MailOutageApiIT.awaitOutbox(List.of(marker), "", x -> x.containsKey("sent_at"));
        assertTrue(TestSmtp.to(rejected).isEmpty(), "a dead letter is never sent");
        JsonObject again = find("&state=dead", rejected);
        assertNotNull(again, "listed under state=dead");
        assertEquals(1, again.getInt("attempts"), "never attempted again: " + again);

        // The state filter: the dead message is neither pending nor sent; pending=true still works.
        assertFalse(MailOutageApiIT.outbox(List.of(rejected), "&state=pending").containsKey(rejected));
        assertFalse(MailOutageApiIT.outbox(List.of(rejected), "&pending=true").containsKey(rejected));
        assertFalse(MailOutageApiIT.outbox(List.of(rejected), "&state=sent").containsKey(rejected));
        assertTrue(MailOutageApiIT.outbox(List.of(marker), "&state=sent").containsKey(marker));
        Reply dead2 = Api.get("/api/v3/keyward/mail/outbox?state=dead&limit=1", admin);
        assertEquals(200, dead2.status(), dead2.body());
        for (JsonObject x : dead2.json().getJsonArray("messages").getValuesAs(JsonObject.class)) {
            assertEquals("dead", x.getString("state"), x.toString());
        }
        Reply bad = Api.get("/api/v3/keyward/mail/outbox?state=lost", admin);
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.json().containsKey("code"), "a TTS error body: " + bad.body());
    }
}
