package io.keyward.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import io.keyward.it.Credentials;
import io.keyward.mail.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box, end to end over HTTP with the real SMTP server: an admin invites, the invitation mail
 * carries the token, Create with the token accepts it exactly once, expired and unknown tokens fail,
 * non-admins are denied, the admin outbox shows the mail with the token masked.
 */
@ExtendWith(ArquillianExtension.class)
class InvitationFlowApiIT {
    static final String PASSWORD = "Invited-Passw0rd";
    static final String LINK = "http://localhost:1885/oauth/register\\?invitation_token=([A-Z2-7]{52})";

    @Deployment(testable = false)
    static WebArchive seed() {
        return ShrinkWrap.create(WebArchive.class, "invitation-seed.war").addClass(InvitationSeedServlet.class);
    }

    @ArquillianResource
    URL seed;

    @BeforeAll
    static void smtp() {
        TestSmtp.start();
    }

    static Reply send(String email, String token) {
        return Api.post("/api/v3/invitations", Json.createObjectBuilder().add("email", email).build(), token);
    }

    static JsonObject registration(String userId, String token) {
        return Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", userId))
                        .add("primary_email_address", userId + "@example.com")
                        .add("password", PASSWORD))
                .add("invitation_token", token)
                .build();
    }

    /** The invitation with this address, from List (all pages). */
    static JsonObject listed(String email) {
        for (int page = 1; ; page++) {
            Reply r = Api.get("/api/v3/invitations?limit=1000&page=" + page, Credentials.adminToken());
            assertEquals(200, r.status(), r.body());
            if (!r.json().containsKey("invitations")) {
                return null;
            }
            for (JsonObject i : r.json().getJsonArray("invitations").getValuesAs(JsonObject.class)) {
                if (i.getString("email").equals(email)) {
                    return i;
                }
            }
        }
    }

    @Test
    void inviteRegisterAccepted() {
        String invitee = Api.uniqueId("invitee");
        String email = invitee + "@example.com";
        Reply sent = send(email, Credentials.adminToken());
        assertEquals(200, sent.status(), sent.body());
        JsonObject invitation = sent.json();
        assertEquals(email, invitation.getString("email"));
        String token = invitation.getString("token");
        assertTrue(token.matches("[A-Z2-7]{52}"), token);
        assertNotNull(invitation.getString("expires_at"));
        assertEquals(invitation.getString("created_at"), invitation.getString("updated_at"));

        // The mail: to the address, the spec's subject, the register link with the same token.
        List<TestSmtp.Mail> mails = TestSmtp.await(email);
        assertEquals(1, mails.size());
        assertEquals("You have been invited to join The Things Stack for LoRaWAN", mails.get(0).subject());
        assertEquals(token, mails.get(0).find(LINK));

        Reply again = send(email, Credentials.adminToken());
        assertEquals(409, again.status(), again.body());
        assertEquals("invitation_already_sent", again.errorName());

        // Register with the mail's token: the invitation shows who accepted it, and stays listed.
        Reply created = Api.post("/api/v3/users", registration(invitee, mails.get(0).find(LINK)), null);
        assertEquals(200, created.status(), created.body());
        JsonObject accepted = listed(email);
        assertNotNull(accepted);
        assertEquals(invitee, accepted.getJsonObject("accepted_by").getString("user_id"));
        assertNotNull(accepted.getString("accepted_at"));
        assertEquals(token, accepted.getString("token"));

        // The token is used: a second Create fails and creates nobody.
        String second = Api.uniqueId("second");
        Reply reuse = Api.post("/api/v3/users", registration(second, token), null);
        assertEquals(400, reuse.status(), reuse.body());
        assertEquals("invitation_already_used", reuse.errorName());
        assertEquals(404, Api.get("/api/v3/users/" + second, Credentials.adminToken()).status());

        Reply unknown = Api.post("/api/v3/users", registration(Api.uniqueId("unknown"), "NOSUCHTOKEN"), null);
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("invitation_not_found", unknown.errorName());

        // Delete (case-insensitive), then the address can be invited again.
        Reply deleted = Api.delete("/api/v3/invitations?email=" + Api.enc(email.toUpperCase()), Credentials.adminToken());
        assertEquals(200, deleted.status(), deleted.body());
        assertNull(listed(email));
        Reply missing = Api.delete("/api/v3/invitations?email=" + Api.enc(email), Credentials.adminToken());
        assertEquals(404, missing.status());
        assertEquals("invitation_not_found", missing.errorName());
    }

    @Test
    void anExpiredInvitationCannotBeUsed() throws Exception {
        String email = Api.uniqueId("late") + "@example.com";
        Reply sent = send(email, Credentials.adminToken());
        assertEquals(200, sent.status(), sent.body());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(seed + "expire-invitation"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + Api.enc(email))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("1", r.body());
        String userId = Api.uniqueId("late");
        Reply expired = Api.post("/api/v3/users", registration(userId, sent.json().getString("token")), null);
        assertEquals(400, expired.status(), expired.body());
        assertEquals("invitation_expired", expired.errorName());
        assertNull(listed(email).get("accepted_at"));
    }

    @Test
    void twoConcurrentRegistrationsWithOneTokenOneWins() throws Exception {
        String email = Api.uniqueId("race") + "@example.com";
        String token = send(email, Credentials.adminToken()).json().getString("token");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String userId = Api.uniqueId("racer" + i);
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Api.post("/api/v3/users", registration(userId, token), null);
            }));
        }
        go.countDown();
        List<Reply> done = replies.stream().map(CompletableFuture::join).toList();
        assertEquals(1, done.stream().filter(r -> r.status() == 200).count(), "exactly one Create wins: " + done);
        Reply loser = done.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertEquals(400, loser.status(), loser.body());
        assertEquals("invitation_already_used", loser.errorName());
        assertNotNull(listed(email).get("accepted_by"));
    }

    @Test
    void listPagesWithATotal() {
        for (int i = 0; i < 2; i++) {
            assertEquals(200, send(Api.uniqueId("page") + "@example.com", Credentials.adminToken()).status());
        }
        Reply one = Api.get("/api/v3/invitations?limit=1&page=2", Credentials.adminToken());
        assertEquals(200, one.status(), one.body());
        assertEquals(1, one.json().getJsonArray("invitations").size());
        assertTrue(one.total() >= 2, one.totalCount().toString());
        Reply past = Api.get("/api/v3/invitations?limit=1000&page=100000", Credentials.adminToken());
        assertEquals(200, past.status());
        assertFalse(past.json().containsKey("invitations"), "an empty list omits the key");
        assertEquals(one.total(), past.total());
    }

    @Test
    void nonAdminsAreDeniedWithoutData() {
        String userId = Api.uniqueId("plain");
        Reply created = Api.post("/api/v3/users", Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", userId))
                        .add("primary_email_address", userId + "@example.com")
                        .add("password", PASSWORD)).build(), null);
        assertEquals(200, created.status(), created.body());
        String token = Credentials.login(userId, PASSWORD);
        String email = Api.uniqueId("nope") + "@example.com";
        Reply send = send(email, token);
        assertEquals(403, send.status(), send.body());
        assertEquals("no_invite_rights", send.errorName());
        Reply list = Api.get("/api/v3/invitations", token);
        assertEquals(403, list.status());
        assertFalse(list.body().contains("\"invitations\""));
        assertEquals(403, Api.delete("/api/v3/invitations?email=" + Api.enc(email), token).status());
        Reply outbox = Api.get("/api/v3/keyward/mail/outbox", token);
        assertEquals(403, outbox.status());
        assertEquals("permission_denied", outbox.errorName());
        Reply badCredential = Api.get("/api/v3/invitations", "NNSXS.NOSUCHKEY.NOSECRET");
        assertTrue(badCredential.status() == 401 || badCredential.status() == 400, badCredential.body());
    }

    @Test
    void adminsReadTheOutboxWithSecretsMasked() {
        String email = Api.uniqueId("outbox") + "@example.com";
        String token = send(email, Credentials.adminToken()).json().getString("token");
        assertEquals(1, TestSmtp.await(email).size());
        JsonObject shown = null;
        for (int page = 1; shown == null && page < 50; page++) {
            Reply r = Api.get("/api/v3/keyward/mail/outbox?limit=100&page=" + page, Credentials.adminToken());
            assertEquals(200, r.status(), r.body());
            assertTrue(r.total() >= 1);
            if (!r.json().containsKey("messages")) {
                break;
            }
            for (JsonObject m : r.json().getJsonArray("messages").getValuesAs(JsonObject.class)) {
                if (m.getString("recipient").equals(email)) {
                    shown = m;
                }
            }
        }
        assertNotNull(shown, "the invitation mail is in the outbox");
        assertEquals("invitation", shown.getString("template"));
        assertEquals("You have been invited to join The Things Stack for LoRaWAN", shown.getString("subject"));
        assertFalse(shown.toString().contains(token), "no token in the outbox view");
        assertTrue(shown.getString("text_body").contains("invitation_token=********"), shown.toString());
        assertTrue(shown.containsKey("sent_at") || shown.containsKey("next_attempt_at"), shown.toString());
    }
}
