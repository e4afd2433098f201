package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin's approval queue, invitations and mail outbox in a real browser, checked against the API. */
class AdminPagesIT {
    @RegisterExtension
    static final Browser browser = Browser.signedInAsAdmin();

    @Test
    void approvalQueueApprovesAndRejects() {
        String yes = Browser.newUser("con-queue-yes");
        String no = Browser.newUser("con-queue-no");
        Browser.adminUpdate(yes, Map.of("state", "STATE_REQUESTED"));
        Browser.adminUpdate(no, Map.of("state", "STATE_REQUESTED"));
        browser.go("admin/queue", "Approval queue");
        browser.find("tr[data-user-id='" + yes + "']");
        browser.shot("queue-desktop");
        browser.find("tr[data-user-id='" + yes + "'] .approve").click();
        browser.waitText("#queue-result", yes + " approved.");
        assertTrue(browser.all("tr[data-user-id='" + yes + "']").isEmpty());
        assertEquals("STATE_APPROVED", Browser.user(yes, "state").getString("state"));
        browser.find("tr[data-user-id='" + no + "'] .reject").click();
        browser.waitText("#queue-result", no + " rejected.");
        assertEquals("STATE_REJECTED", Browser.user(no, "state").getString("state"));
        long waiting = Api.get("/api/v3/search/users?state=STATE_REQUESTED&limit=1", Browser.adminToken()).total();
        browser.waitText("#queue-total", waiting + " user");
    }

    @Test
    void invitationsSendListAndDelete() {
        String email = Api.uniqueId("con-invite") + "@example.com";
        browser.go("admin/invitations", "Invitations");
        browser.type("#invite-email", email);
        browser.click("#invite-form button[type=submit]");
        browser.waitText("#invite-result", "Invitation sent to " + email + ".");
        browser.find("tr[data-email='" + email + "']");
        Reply list = Api.get("/api/v3/invitations?limit=1000", Browser.adminToken());
        assertTrue(list.body().contains(email), "the server holds the invitation");
        browser.shot("invitations-desktop");

        // The same address again is refused in words.
        browser.type("#invite-email", email);
        browser.click("#invite-form button[type=submit]");
        String refused = browser.waitText("#invite-result .msg.error", "Could not send the invitation");
        assertFalse(refused.contains("{\""), refused);

        browser.find("tr[data-email='" + email + "'] button.danger").click();
        browser.button("tr[data-email='" + email + "'] .confirm", "Delete invitation");
        browser.waitText("#invite-result", "Invitation of " + email + " deleted.");
        assertTrue(browser.all("tr[data-email='" + email + "']").isEmpty());
        assertFalse(Api.get("/api/v3/invitations?limit=1000", Browser.adminToken()).body().contains(email));
    }

    @Test
    void outboxShowsStateAttemptsAndLastError() {
        String email = Api.uniqueId("con-outbox") + "@example.com";
        assertEquals(200, Api.post("/api/v3/invitations", "{\"email\":\"" + email + "\"}", Browser.adminToken()).status());
        browser.go("admin/outbox", "Mail outbox");
        Reply all = Api.get("/api/v3/keyward/mail/outbox?limit=1", Browser.adminToken());
        browser.waitText("#outbox-total", all.total() + " message");
        browser.waitText("main table", email);
        browser.shot("outbox-desktop");
        // Nothing listens on the test SMTP port unless a mail test runs: the invitation is pending, with the error.
        String state = Api.get("/api/v3/keyward/mail/outbox?limit=50", Browser.adminToken()).json().getJsonArray("messages")
                .stream().map(v -> v.asJsonObject()).filter(m -> email.equals(m.getString("recipient"))).findFirst()
                .orElseThrow().getString("state");
        browser.select("#outbox-state", state);
        browser.click("#outbox-filter button[type=submit]");
        long inState = Api.get("/api/v3/keyward/mail/outbox?limit=1&state=" + state, Browser.adminToken()).total();
        browser.waitText("#outbox-total", inState + " message");
        for (var cell : browser.all("main td.outbox-state")) {
            assertEquals(state, cell.getText());
        }
    }
}
