package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import io.keyward.it.Credentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on every database: invitations sent over HTTP while the SMTP server is down are all
 * delivered exactly once after it comes back (the outbox shows them sent, then nothing more arrives).
 */
class MailOutageApiIT {

    /** The outbox rows of these recipients, as the admin view shows them (newest first, first pages). */
    static Map<String, JsonObject> outbox(List<String> recipients) {
        return outbox(recipients, "");
    }

    /** As {@link #outbox(List)}, with extra query parameters (e.g. {@code &state=dead}). */
    static Map<String, JsonObject> outbox(List<String> recipients, String query) {
        Map<String, JsonObject> found = new HashMap<>();
        for (int page = 1; page <= 20 && found.size() < recipients.size(); page++) {
            Reply r = Api.get("/api/v3/keyward/mail/outbox?limit=100&page=" + page + query, Credentials.adminToken());
            assertEquals(200, r.status(), r.body());
            if (!r.json().containsKey("messages")) {
                break;
            }
            for (JsonObject m : r.json().getJsonArray("messages").getValuesAs(JsonObject.class)) {
                if (recipients.contains(m.getString("recipient"))) {
                    found.put(m.getString("recipient"), m);
                }
            }
        }
        return found;
    }

    static Map<String, JsonObject> awaitOutbox(List<String> recipients, java.util.function.Predicate<JsonObject> done) {
        return awaitOutbox(recipients, "", done);
    }

    static Map<String, JsonObject> awaitOutbox(List<String> recipients, String query,
                                               java.util.function.Predicate<JsonObject> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Map<String, JsonObject> rows = outbox(recipients, query);
        while (!(rows.size() == recipients.size() && rows.values().stream().allMatch(done)) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = outbox(recipients, query);
        }
        return rows;
    }

    @Test
    void nothingIsLostAndNothingIsDuplicatedAcrossAnOutage() {
        TestSmtp.start();
        String admin = Credentials.adminToken();
        TestSmtp.stop();
        List<String> recipients = new ArrayList<>();
        Map<String, String> tokens = new HashMap<>();
        try {
            for (int i = 0; i < 3; i++) {
                String email = Api.uniqueId("outage" + i) + "@example.com";
                Reply sent = Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", email).build(), admin);
                assertEquals(200, sent.status(), "the API answers whatever the mail server does: " + sent.body());
                recipients.add(email);
                tokens.put(email, sent.json().getString("token"));
            }
            // Delivery is attempted and fails while the server is down; the messages stay queued.
            Map<String, JsonObject> failing = awaitOutbox(recipients, m -> m.containsKey("last_error"));
            for (String r : recipients) {
                JsonObject m = failing.get(r);
                assertNotNull(m, "queued: " + r);
                assertTrue(m.containsKey("last_error") && !m.containsKey("sent_at"), m.toString());
                assertTrue(m.getInt("attempts") >= 1, m.toString());
            }
        } finally {
            TestSmtp.start();
        }
        for (String r : recipients) {
            assertEquals(1, TestSmtp.await(r).size(), "delivered after the outage: " + r);
        }
        Map<String, JsonObject> sent = awaitOutbox(recipients, m -> m.containsKey("sent_at"));
        for (String r : recipients) {
            assertTrue(sent.get(r).containsKey("sent_at"), sent.get(r).toString());
            List<TestSmtp.Mail> got = TestSmtp.to(r);
            assertEquals(1, got.size(), "exactly once: " + r);
            assertTrue(got.get(0).text().contains("invitation_token=" + tokens.get(r)), got.get(0).text());
        }
    }
}
