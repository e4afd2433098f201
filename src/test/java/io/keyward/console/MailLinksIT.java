package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import io.keyward.mail.TestSmtp;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The links in Keyward's mails, taken from the mail the test SMTP server received, opened in the browser:
 * each lands on a console page that completes the action through the public API and takes its secret out
 * of the address bar first; a spent or unknown link is refused in words.
 */
class MailLinksIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void smtp() {
        TestSmtp.start();
    }

    /**
     * The path (and query) of the first link starting with {@code path} in a mail to {@code address}. The test
     * server writes links to the defaults {@code http://localhost:1885/oauth} and {@code …/console}: the tests
     * open them on their own port.
     */
    private static String mailLink(String address, String path) {
        Pattern link = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(path) + "\\S*)");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            for (TestSmtp.Mail m : TestSmtp.to(address)) {
                Matcher found = link.matcher(m.text());
                if (found.find()) {
                    return found.group(1);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no mail to " + address + " with a link to " + path + "; got " + TestSmtp.to(address));
    }

    private void assertAddressBarClean(String secret) {
        String url = browser.driver.getCurrentUrl();
        assertFalse(url.contains(secret), url);
        assertTrue(url.contains("/console/"), url);
    }

    @Test
    void theValidationLinkConfirmsTheAddressOnceAndARepeatOrBogusLinkIsRefusedInWords() {
        String id = Browser.newUser("con-validate");
        // Creating a user sends the validation mail (API.md §4.1).
        String link = mailLink(id + "@example.com", "/oauth/validate");
        assertFalse(Browser.user(id, "primary_email_address_validated_at").containsKey("primary_email_address_validated_at"));

        // Opened in a tab without a session: confirmed, then the sign-in page.
        browser.open(link);
        browser.waitText("main", "Your e-mail address is confirmed.");
        browser.waitTitle("Sign in");
        String token = link.substring(link.indexOf("token=") + 6);
        assertAddressBarClean(token);
        assertNotNull(Browser.user(id, "primary_email_address_validated_at").getString("primary_email_address_validated_at", null));
        browser.signInOk(id, Browser.PASSWORD);
        browser.waitText("#email-state", "Validated on");

        // The same link again, now in a signed-in tab: the console, with the refusal above the page.
        browser.open(link);
        browser.waitText("#banner", "Could not confirm the e-mail address: Validation token already used."
                + " This link was used before: the address it named was confirmed then.");
        browser.waitTitle("Profile");
        browser.signOut();

        // The same page under /console (identity-server-url may point there).
        browser.open("/console/validate?reference=NOSUCHREFERENCE&token=NOSUCHTOKEN");
        browser.waitText("main", "Could not confirm the e-mail address: Validation token not found. The link is unknown");
        Reply bogus = Api.patch("/api/v3/email/validation", "{\"id\":\"NOSUCHREFERENCE\",\"token\":\"NOSUCHTOKEN\"}", null);
        assertEquals(404, bogus.status(), bogus.body());
    }

    @Test
    void theInvitationLinkRegistersTheInvitedUserOnce() {
        String id = Api.uniqueId("con-invitee");
        String email = id + "@example.com";
        Reply sent = Api.post("/api/v3/invitations", "{\"email\":\"" + email + "\"}", Browser.adminToken());
        assertEquals(200, sent.status(), sent.body());
        String link = mailLink(email, "/oauth/register");
        assertTrue(link.startsWith("/oauth/register?invitation_token="), link);

        browser.open(link);
        browser.waitTitle("Create your account");
        assertAddressBarClean(link.substring(link.indexOf('=') + 1));
        browser.shot("register-desktop");
        register(id, "Invited <b>Ines</b>", email, "Invited-Passw0rd");
        browser.waitText("#who-name", id);
        browser.waitText("#banner", "Welcome! Your account " + id + " is created.");
        browser.waitTitle("Profile");

        JsonObject user = Browser.user(id, "name,primary_email_address,state");
        assertEquals(email, user.getString("primary_email_address"));
        assertEquals("Invited <b>Ines</b>", user.getString("name"));
        assertEquals("STATE_APPROVED", user.getString("state", "STATE_REQUESTED"));
        Reply invitations = Api.get("/api/v3/invitations?limit=1000", Browser.adminToken());
        JsonObject invitation = invitations.json().getJsonArray("invitations").getValuesAs(JsonObject.class).stream()
                .filter(i -> email.equals(i.getString("email"))).findFirst().orElseThrow();
        assertEquals(id, invitation.getJsonObject("accepted_by").getString("user_id"), invitation.toString());
        Browser.token(id, "Invited-Passw0rd");
        browser.signOut();

        // The same invitation again: refused in words, and no second user.
        String second = Api.uniqueId("con-invitee2");
        browser.open(link);
        browser.waitTitle("Create your account");
        register(second, "", second + "@example.com", "Second-Passw0rd");
        browser.waitText("#reg-result", "Could not create the account: Invitation already used."
                + " This invitation has already been used to create an account.");
        assertEquals(404, Api.get("/api/v3/users/" + second, Browser.adminToken()).status());

        // An unknown invitation, and a link without one.
        browser.open("/oauth/register?invitation_token=NOSUCHINVITATION");
        browser.waitTitle("Create your account");
        register(second, "", second + "@example.com", "Second-Passw0rd");
        browser.waitText("#reg-result", "Could not create the account: Invitation not found. This invitation is unknown");
        assertEquals(404, Api.get("/api/v3/users/" + second, Browser.adminToken()).status());
        browser.open("/oauth/register");
        browser.waitText("main", "The link is incomplete: it has no invitation token.");
        assertTrue(browser.all("#reg-form").isEmpty(), "no form without an invitation");
    }

    private static void register(String id, String name, String email, String password) {
        browser.type("#reg-user", id);
        if (!name.isEmpty()) {
            browser.type("#reg-name", name);
        }
        browser.type("#reg-email", email);
        browser.type("#reg-password", password);
        browser.type("#reg-again", password);
        browser.click("#reg-form button[type=submit]");
    }

    @Test
    void theTemporaryPasswordLinkSetsANewPasswordOnce() {
        String id = Browser.newUser("con-temppw");
        Reply asked = Api.post("/api/v3/users/" + id + "/temporary_password", "{}", null);
        assertEquals(200, asked.status(), asked.body());
        String link = mailLink(id + "@example.com", "/oauth/update-password");
        String temporary = link.substring(link.indexOf("current=") + 8);

        browser.open(link);
        browser.waitTitle("Choose a new password");
        browser.waitText("#up-user", id);
        assertAddressBarClean(temporary);
        browser.phone();
        browser.shot("update-password-phone");
        browser.desktop();
        setNewPassword("Linked-New-Passw0rd");
        browser.waitText("#who-name", id);
        browser.waitText("#banner", "Your new password is set, and the temporary one no longer works.");
        // The change is announced by mail; its link (<console-url>/user/edit) opens the profile.
        browser.open(mailLink(id + "@example.com", "/console/user/edit"));
        browser.waitTitle("Profile");
        browser.waitText("#who-name", id);

        Browser.token(id, "Linked-New-Passw0rd");
        Reply old = Api.form("/oauth/token", "grant_type=password&username=" + id + "&password=" + Api.enc(Browser.PASSWORD));
        assertEquals(400, old.status(), old.body());
        browser.signOut();

        // The temporary password is spent: the link again is refused in words, the password stays.
        browser.open(link);
        browser.waitTitle("Choose a new password");
        setNewPassword("Another-New-Passw0rd");
        browser.waitText("#up-result", "Could not set the password: Incorrect old password."
                + " The temporary password of this link is no longer valid");
        Browser.token(id, "Linked-New-Passw0rd");
    }

    @Test
    void anExpiredTemporaryPasswordIsRefusedInWords() {
        String id = Browser.newUser("con-tempexp");
        // An admin-set temporary password sends no mail; the link is the one the mail would carry.
        Browser.adminUpdate(id, Map.of("temporary_password", "Expired-Temp-Passw0rd",
                "temporary_password_expires_at", "2020-01-01T00:00:00Z"));
        browser.open("/oauth/update-password?user=" + id + "&current=Expired-Temp-Passw0rd");
        browser.waitTitle("Choose a new password");
        setNewPassword("Never-Set-Passw0rd");
        browser.waitText("#up-result", "Could not set the password: Temporary password expired."
                + " The temporary password of this link has expired. Ask for a new one on the sign-in page.");
        Browser.token(id, Browser.PASSWORD);
    }

    @Test
    void theConsoleLinksOfTheAnnouncementMailsOpenTheirPage() {
        String id = Browser.newUser("con-keylink");
        String token = Browser.token(id, Browser.PASSWORD);
        Reply key = Api.post("/api/v3/users/" + id + "/api-keys",
                "{\"name\":\"from the mail\",\"rights\":[\"RIGHT_USER_INFO\"]}", token);
        assertEquals(200, key.status(), key.body());
        String keyLink = mailLink(id + "@example.com", "/console/user/api-keys/");
        assertEquals("/console/user/api-keys/" + key.json().getString("id"), keyLink);
        browser.signInOk(id, Browser.PASSWORD);
        browser.open(keyLink);
        browser.waitTitle("API keys");
        browser.waitText("main table", "from the mail");
        browser.signOut();

        // A registration that awaits approval is announced to the admins, with a link to the user's page.
        String requested = Api.uniqueId("con-requested");
        Reply created = Api.post("/api/v3/users", "{\"user\":{\"ids\":{\"user_id\":\"" + requested + "\"},"
                + "\"primary_email_address\":\"" + requested + "@example.com\",\"password\":\"Requested-Passw0rd\","
                + "\"state\":\"STATE_REQUESTED\"}}", Browser.adminToken());
        assertEquals(200, created.status(), created.body());
        String adminAddress = Browser.user(Api.ADMIN_ID, "primary_email_address").getString("primary_email_address");
        String userLink = mailLink(adminAddress, "/console/admin-panel/user-management/" + requested);
        browser.signInOk(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        browser.open(userLink);
        browser.waitTitle("User " + requested);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/#/admin/users/" + requested), browser.driver.getCurrentUrl());
        // A user page whose ID is a mail link's name stays a user page.
        browser.open("/console/admin-panel/user-management/validate");
        browser.waitTitle("Something went wrong");
        browser.waitText("main", "validate");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/#/admin/users/validate"), browser.driver.getCurrentUrl());
        browser.signOut();
    }

    /**
     * The test server does not require validated addresses ({@code is.user-registration.contact-info-validation.required}
     * is off; EmailValidationIT checks the server's warning in-container with it on), so the browser adds that
     * warning to the answers of {@code /api/v3/auth_info} itself, before the page's scripts run (DevTools, not
     * the page: its CSP stays as it is). What is tested here is the console's side: the banner says how to lift it.
     */
    @Test
    void anUnvalidatedAddressWarningSaysHowToLiftIt() {
        String id = Browser.newUser("con-unvalidated");
        String stub = "const f = window.fetch; window.fetch = async (...a) => { const r = await f(...a);"
                + " if (!String(a[0]).startsWith('/api/v3/auth_info')) return r;"
                + " const h = new Headers(r.headers); h.append('X-Warning', 'Restricted rights until email address validated');"
                + " return new Response(r.body, { status: r.status, statusText: r.statusText, headers: h }); };";
        Object added = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", stub))
                .get("identifier");
        try {
            browser.signInOk(id, Browser.PASSWORD);
            browser.waitText("#banner", "Restricted rights: Restricted rights until email address validated."
                    + " Open the link in the validation e-mail, or send it again from your profile.");
            browser.go("keys", "API keys");
            browser.click("#banner a[href='#/profile']");
            browser.waitTitle("Profile");
            browser.waitText("#email-state", "Not validated yet");
            browser.find("#email-resend");
            browser.signOut();
        } finally {
            browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added));
        }
    }

    private static void setNewPassword(String password) {
        browser.type("#up-new", password);
        browser.type("#up-again", password);
        browser.click("#up-form button[type=submit]");
    }
}
