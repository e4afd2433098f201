package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/** The signed-in user's own pages in a real browser: profile, password, API keys, notifications. */
class AccountPagesIT {
    static final String XSS_NAME = "<img src=x onerror=\"window.__xss=1\">";
    @RegisterExtension
    static final Browser browser = new Browser();

    /** The outbox's newest messages to {@code recipient} with this template, as the admin sees them. */
    static List<JsonObject> mails(String recipient, String template) {
        Reply r = Api.get("/api/v3/keyward/mail/outbox?limit=500", Browser.adminToken());
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("messages").stream().map(v -> v.asJsonObject())
                .filter(m -> recipient.equals(m.getString("recipient", "")) && template.equals(m.getString("template", "")))
                .toList();
    }

    @Test
    void profileEditsNameAndAddressAndShowsMarkupAsText() {
        String id = Browser.newUser("con-profile");
        browser.signInOk(id, Browser.PASSWORD);
        browser.waitTitle("Profile");
        assertEquals(id, browser.find("#profile-id").getText());
        assertEquals("Not validated yet", browser.find("#email-state").getText());
        // Users.Create sent the first validation mail: asking again at once is refused, in words.
        assertEquals(1, mails(id + "@example.com", "validate").size());
        browser.click("#email-resend");
        String refused = browser.waitText("#email-result .msg.error", "Could not send the validation e-mail");
        assertTrue(refused.contains("already sent"), refused);
        assertFalse(refused.contains("{"), "words, not JSON: " + refused);

        browser.type("#profile-name", XSS_NAME);
        browser.type("#profile-description", "Runs the north gateways");
        browser.type("#profile-email", id + "@new.example.com");
        browser.click("#profile-form button[type=submit]");
        browser.waitText("#profile-result", "Profile saved.");
        assertEquals(XSS_NAME, browser.find("#profile-name").getAttribute("value"));
        assertNull(browser.js("return window.__xss"), "the name's markup never ran");
        JsonObject u = Browser.user(id, "name,description,primary_email_address");
        assertEquals(XSS_NAME, u.getString("name"));
        assertEquals("Runs the north gateways", u.getString("description"));
        assertEquals(id + "@new.example.com", u.getString("primary_email_address"));
        // The new address gets its own validation mail.
        assertEquals(1, mails(id + "@new.example.com", "validate").size());

        // A bad address: the validation error names the field.
        browser.type("#profile-email", "not-an-address@");
        browser.js("document.getElementById('profile-email').type = 'text'");
        browser.click("#profile-form button[type=submit]");
        String error = browser.waitText("#profile-result .msg.error", "Could not save the profile");
        assertTrue(error.contains("primary_email_address"), error);
        assertEquals(id + "@new.example.com", Browser.user(id, "primary_email_address").getString("primary_email_address"));
        browser.signOut();
    }

    @Test
    void passwordChangeWithSignOutEverywhere() {
        String id = Browser.newUser("con-password");
        String otherSession = Browser.token(id, Browser.PASSWORD);
        browser.signInOk(id, Browser.PASSWORD);
        browser.go("password", "Change password");
        // A wrong current password is refused in words, and nothing changes.
        browser.type("#pw-old", "Wrong-Passw0rd-1");
        browser.type("#pw-new", "Second-Passw0rd-2");
        browser.type("#pw-again", "Second-Passw0rd-2");
        browser.click("#pw-form button[type=submit]");
        browser.waitText("#pw-result .msg.error", "Could not change the password");
        Browser.token(id, Browser.PASSWORD);

        browser.type("#pw-old", Browser.PASSWORD);
        browser.type("#pw-new", "Second-Passw0rd-2");
        browser.type("#pw-again", "Second-Passw0rd-2");
        browser.click("#pw-revoke-all");
        browser.click("#pw-form button[type=submit]");
        browser.waitText("main", "every session ended");
        browser.waitTitle("Sign in");
        assertEquals(401, Api.get("/api/v3/auth_info", otherSession).status(), "the other session ended too");
        Browser.token(id, "Second-Passw0rd-2");
    }

    @Test
    void apiKeysCreateShowOnceEditAndDelete() {
        String id = Browser.newUser("con-keys");
        browser.signInOk(id, Browser.PASSWORD);
        browser.go("keys", "API keys");
        browser.click("#key-new");
        // The picker offers exactly the rights the caller holds.
        Reply held = Api.get("/api/v3/users/" + id + "/rights", Browser.token(id, Browser.PASSWORD));
        Set<String> heldRights = held.json().getJsonArray("rights").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toSet());
        Set<String> offered = browser.all("#key-rights input[name=right]").stream().map(e -> e.getAttribute("value"))
                .collect(Collectors.toSet());
        assertEquals(heldRights, offered);
        assertFalse(offered.contains("RIGHT_SEND_INVITES"), "no right the user lacks");

        browser.type("#key-name", "gateway-script");
        browser.js("document.getElementById('key-expiry').value = arguments[0]", LocalDate.now().plusYears(1).toString());
        browser.click("#key-rights input[value=RIGHT_USER_INFO]");
        browser.click("#key-rights input[value=RIGHT_USER_SETTINGS_BASIC]");
        browser.shot("api-key-create-desktop");
        browser.click("#key-form button[type=submit]");
        browser.waitText("#keys-panel", "Copy its secret now");
        String secret = browser.find("#key-secret").getAttribute("value");
        assertTrue(secret.startsWith("NNSXS."), secret);
        browser.click("#key-copy");
        assertFalse(browser.waitText("#copy-result", "").isEmpty());
        browser.shot("api-key-secret-desktop");
        Reply info = Api.get("/api/v3/auth_info", secret);
        assertEquals(200, info.status(), info.body());
        String keyId = secret.split("\\.")[1];
        // Read as the user: an admin's universal rights leave out other users' API keys (is.admin-rights.all).
        String own = Browser.token(id, Browser.PASSWORD);
        JsonObject key = Api.get("/api/v3/users/" + id + "/api-keys/" + keyId, own).json();
        assertEquals("gateway-script", key.getString("name"));
        assertEquals(Set.of("RIGHT_USER_INFO", "RIGHT_USER_SETTINGS_BASIC"), rights(key));
        assertTrue(key.containsKey("expires_at"));

        // Shown once: after a reload the page has no secret.
        browser.driver.navigate().refresh();
        browser.waitTitle("API keys");
        assertFalse(browser.find("main").getText().contains(secret));
        assertTrue(browser.all("#key-secret").isEmpty());

        WebElement row = browser.find("tr[data-key-id='" + keyId + "']");
        row.findElement(org.openqa.selenium.By.xpath(".//button[text()='Edit']")).click();
        browser.type("#key-name", "renamed-script");
        browser.click("#key-rights input[value=RIGHT_USER_SETTINGS_BASIC]");
        browser.js("document.getElementById('key-expiry').value = ''");
        browser.click("#key-form button[type=submit]");
        browser.waitText("#keys-panel", "saved");
        browser.waitText("tr[data-key-id='" + keyId + "'] .key-name", "renamed-script");
        key = Api.get("/api/v3/users/" + id + "/api-keys/" + keyId, own).json();
        assertEquals("renamed-script", key.getString("name"));
        assertEquals(Set.of("RIGHT_USER_INFO"), rights(key));
        assertFalse(key.containsKey("expires_at"), key.toString());

        browser.find("tr[data-key-id='" + keyId + "']").findElement(org.openqa.selenium.By.xpath(".//button[text()='Delete']")).click();
        browser.button("tr[data-key-id='" + keyId + "'] .confirm", "Delete key");
        browser.waitText("#keys-panel", "deleted");
        assertTrue(browser.all("tr[data-key-id='" + keyId + "']").isEmpty());
        assertEquals(404, Api.get("/api/v3/users/" + id + "/api-keys/" + keyId, own).status());
        assertEquals(401, Api.get("/api/v3/auth_info", secret).status());
        browser.signOut();
    }

    private static Set<String> rights(JsonObject key) {
        return key.getJsonArray("rights").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .collect(Collectors.toSet());
    }

    private static String notify(String userId, String text) {
        Reply r = Api.post("/api/v3/notifications", "{\"entity_ids\":{\"user_ids\":{\"user_id\":\"" + userId + "\"}},"
                + "\"notification_type\":\"console_test\","
                + "\"data\":{\"@type\":\"type.googleapis.com/google.protobuf.StringValue\",\"value\":\"" + text + "\"},"
                + "\"receivers\":[\"NOTIFICATION_RECEIVER_COLLABORATOR\"]}", Browser.adminToken());
        assertEquals(200, r.status(), r.body());
        return r.json().getString("id");
    }

    private static String status(String userId, String notificationId) {
        Reply r = Api.get("/api/v3/users/" + userId + "/notifications?limit=100&status=NOTIFICATION_STATUS_UNSEEN"
                + "&status=NOTIFICATION_STATUS_SEEN&status=NOTIFICATION_STATUS_ARCHIVED", Browser.token(userId, Browser.PASSWORD));
        return r.json().getJsonArray("notifications").stream().map(v -> v.asJsonObject())
                .filter(n -> n.getString("id").equals(notificationId)).findFirst()
                .map(n -> n.getString("status", "NOTIFICATION_STATUS_UNSEEN")).orElse("missing");
    }

    @Test
    void notificationsInboxMarkSeenAndArchive() {
        String id = Browser.newUser("con-notif");
        String first = notify(id, "first");
        String second = notify(id, "second");
        Reply listed = Api.get("/api/v3/users/" + id + "/notifications?status=NOTIFICATION_STATUS_UNSEEN&limit=1",
                Browser.token(id, Browser.PASSWORD));
        assertEquals(200, listed.status(), listed.body());
        long unseen = listed.total();
        assertTrue(unseen >= 2);
        browser.signInOk(id, Browser.PASSWORD);
        browser.waitText("#unseen", Long.toString(unseen));
        browser.go("notifications", "Notifications");
        browser.waitText("#unseen-count", unseen + " unseen");
        browser.shot("notifications-desktop");

        browser.find("tr[data-notification-id='" + first + "'] .mark-seen").click();
        browser.waitText("#notif-result", "Marked as seen.");
        browser.waitText("#unseen-count", (unseen - 1) + " unseen");
        assertEquals("seen", browser.find("tr[data-notification-id='" + first + "'] .notif-status").getText());
        assertEquals("NOTIFICATION_STATUS_SEEN", status(id, first));

        browser.find("tr[data-notification-id='" + second + "'] .archive").click();
        browser.waitText("#notif-result", "Archived.");
        assertTrue(browser.all("tr[data-notification-id='" + second + "']").isEmpty(), "gone from the inbox");
        assertEquals("NOTIFICATION_STATUS_ARCHIVED", status(id, second));
        browser.click("#notif-archived");
        browser.find("tr[data-notification-id='" + second + "']");
        browser.signOut();
    }
}
