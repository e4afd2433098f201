package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.openqa.selenium.Keys;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The console's shell in a real browser: its security headers, signing in and out, a reload that keeps
 * the session without a token in localStorage, the account states and their restricted rights, the
 * login throttle's 429, and a password change the admin required.
 */
class ConsoleShellIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    private static HttpResponse<String> raw(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoInlineCode() throws Exception {
        for (String path : new String[] {"/console/", "/console/token-login?token=x", "/oauth/token-login?token=x",
                "/oauth/validate?reference=r&token=t", "/oauth/register?invitation_token=x",
                "/oauth/update-password?user=u&current=c", "/console/js/app.js", "/console/js/links.js", "/console/console.css"}) {
            HttpResponse<String> r = raw(path);
            assertEquals(200, r.statusCode(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'"), path + ": " + csp);
            assertTrue(csp.contains("script-src 'self'"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
        String html = raw("/console/").body();
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script");
        assertFalse(html.matches("(?s).*(<style|\\sstyle=|\\son[a-z]+=).*"), "no inline style or handler");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing from another site");
        // /console itself leads to the page.
        HttpResponse<String> bare = raw("/console");
        assertEquals(302, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/console/"));
    }

    @Test
    void signInReloadAndSignOutRevokesTheSession() {
        String id = Browser.newUser("con-shell");
        browser.signInOk(id, Browser.PASSWORD);
        browser.waitTitle("Profile");
        assertEquals(0L, browser.js("return localStorage.length"), "nothing in localStorage");
        String refresh = (String) browser.js("return sessionStorage.getItem('keyward.refresh')");
        assertNotNull(refresh);
        assertTrue(refresh.startsWith("OJSWM."), "only the refresh token, in this tab's sessionStorage");
        assertFalse(String.valueOf(browser.js("return JSON.stringify(sessionStorage)")).contains("MFRWG."), "no access token stored");
        browser.shot("profile-desktop");
        browser.phone();
        browser.shot("profile-phone");
        browser.desktop();

        browser.driver.navigate().refresh();
        browser.waitText("#who-name", id);
        browser.waitTitle("Profile");
        assertEquals(0L, browser.js("return localStorage.length"));
        String rotated = (String) browser.js("return sessionStorage.getItem('keyward.refresh')");
        assertFalse(rotated.equals(refresh), "the reload refreshed the session (rotation)");

        browser.signOut();
        browser.waitText("main", "You are signed out.");
        assertEquals(null, browser.js("return sessionStorage.getItem('keyward.refresh')"));
        // The server ended the session: its refresh token no longer buys a token.
        Reply r = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token=" + Api.enc(rotated));
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_grant", r.json().getString("error"));
        // A reload now shows the sign-in page.
        browser.driver.navigate().refresh();
        browser.waitTitle("Sign in");
    }

    @Test
    void revokeWithTheAccessTokenEndsThePairAndAnswersAlikeForAnything() {
        String id = Browser.newUser("con-revoke");
        Reply pair = Api.form("/oauth/token", "grant_type=password&username=" + id + "&password=" + Browser.PASSWORD);
        String access = pair.json().getString("access_token");
        assertEquals(200, Api.get("/api/v3/auth_info", access).status());
        for (String token : new String[] {access, access, "garbage", "MFRWG.AAAA.BBBB", ""}) {
            Reply r = Api.form("/oauth/revoke", "token=" + Api.enc(token));
            assertEquals(200, r.status(), r.body());
            assertEquals("{}", r.body());
        }
        assertEquals(401, Api.get("/api/v3/auth_info", access).status());
        Reply refresh = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token="
                + Api.enc(pair.json().getString("refresh_token")));
        assertEquals(400, refresh.status(), refresh.body());
    }

    @Test
    void wrongPasswordInWordsThenThrottledWithTheTimeToRetry() {
        String id = Browser.newUser("con-throttle");
        browser.signIn(id, "Not-the-passw0rd");
        browser.waitText("#signin-result", "Wrong user ID or password.");
        String text = "";
        for (int i = 0; i < 10 && !text.contains("Try again in"); i++) {
            browser.js("document.getElementById('signin-result').replaceChildren()");
            browser.type("#signin-password", "Not-the-passw0rd");
            browser.click("#signin-form button[type=submit]");
            text = browser.waitText("#signin-result .msg", "");
        }
        assertTrue(text.matches("(?s).*Try again in \\d+ seconds.*"), text);
        browser.shot("signin-throttled-desktop");
        // The server still refuses the right password from here until the window ends.
        Reply r = Api.form("/oauth/token", "grant_type=password&username=" + id + "&password=" + Browser.PASSWORD);
        assertEquals(429, r.status(), r.body());
    }

    @ParameterizedTest
    @CsvSource({
        "STATE_SUSPENDED, Suspended, Restricted rights after account suspension: spam waves",
        "STATE_REJECTED, Rejected, Restricted rights after account rejection: spam waves",
        "STATE_REQUESTED, Requested, Restricted rights while account pending",
    })
    void restrictedStatesSayWhy(String state, String shown, String warning) {
        String id = Browser.newUser("con-state");
        Browser.adminUpdate(id, Map.of("state", state, "state_description", "spam waves"));
        browser.signInOk(id, Browser.PASSWORD);
        String banner = browser.waitText("#banner", "Account state: " + shown);
        assertTrue(banner.contains(warning), banner);
        assertTrue(banner.contains("Reason: spam waves"), banner);
        if (state.equals("STATE_SUSPENDED")) {
            browser.shot("suspended-desktop");
        }
        assertEquals(state, Browser.user(id, "state").getString("state", "STATE_REQUESTED"), "zero value omitted");
        browser.signOut();
    }

    @Test
    void requiredPasswordChangeComesFirst() {
        String id = Browser.newUser("con-mustchange");
        Browser.adminUpdate(id, Map.of("require_password_update", true));
        browser.signInOk(id, Browser.PASSWORD);
        browser.waitTitle("Change password");
        browser.waitText("#banner", "Please change your password.");
        browser.js("location.hash = '#/profile'");
        browser.waitTitle("Change password");
        browser.type("#pw-old", Browser.PASSWORD);
        browser.type("#pw-new", "Brand-new-Passw0rd");
        browser.type("#pw-again", "Brand-new-Passw0rd");
        browser.click("#pw-form button[type=submit]");
        browser.waitText("#pw-result", "Password changed.");
        browser.go("profile", "Profile");
        assertFalse(browser.textOf("#banner").contains("Please change your password."));
        assertFalse(Browser.user(id, "require_password_update").getBoolean("require_password_update", false));
        Browser.token(id, "Brand-new-Passw0rd");
        browser.signOut();
    }

    @Test
    void aTemporaryPasswordSetsANewOne() {
        String id = Browser.newUser("con-temp");
        Browser.adminUpdate(id, Map.of("temporary_password", "Temp-Passw0rd-1"));
        browser.open("/console/");
        withTemporaryPassword(id, "Temp-Passw0rd-1", "After-Temp-Passw0rd");
        browser.waitText("#temp-result", "Your password is changed.");
        browser.signInOk(id, "After-Temp-Passw0rd");
        // A wrong temporary password is refused in words.
        browser.signOut();
        withTemporaryPassword(id, "Wrong-Temp-1", "Other-Passw0rd-2");
        browser.waitText("#temp-result .msg.error", "Could not set the password");
        Browser.token(id, "After-Temp-Passw0rd");
    }

    private static void withTemporaryPassword(String id, String temporary, String newPassword) {
        browser.type("#temp-user", id);
        browser.type("#temp-password", temporary);
        browser.type("#temp-new-password", newPassword);
        browser.click("#temp-form button[type=submit]");
    }

    /** Every form control of the shown page that has no label naming it (none expected). */
    private static Object unlabelled() {
        return browser.js("return [...document.querySelectorAll('main input, main select, main textarea')]"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name)");
    }

    @Test
    void keyboardOnlyWithLabelledFieldsAndAVisibleFocus() {
        String id = Browser.newUser("con-keyboard");
        browser.open("/console/");
        browser.waitTitle("Sign in");
        assertEquals(List.of(), unlabelled());
        // The page puts the focus in the first field; Tab, typing and Enter are enough to sign in.
        assertEquals("signin-user", browser.js("return document.activeElement.id"));
        browser.driver.switchTo().activeElement().sendKeys(id, Keys.TAB);
        assertEquals("signin-password", browser.js("return document.activeElement.id"));
        assertFalse("none".equals(browser.js("return getComputedStyle(document.activeElement).outlineStyle")),
                "the focused field shows it");
        browser.driver.switchTo().activeElement().sendKeys(Browser.PASSWORD, Keys.ENTER);
        browser.waitText("#who-name", id);
        browser.waitTitle("Profile");
        assertEquals("main", browser.js("return document.activeElement.id"), "the new page has the focus");
        assertEquals(List.of(), unlabelled());
        for (String[] page : new String[][] {{"password", "Change password"}, {"notifications", "Notifications"}, {"keys", "API keys"}}) {
            browser.go(page[0], page[1]);
            assertEquals(List.of(), unlabelled(), page[0]);
        }
        browser.click("#key-new");
        assertEquals(List.of(), unlabelled(), "the new key's form");
        browser.signOut();
    }

    @Test
    void phoneWidthSignInPage() {
        browser.phone();
        try {
            browser.open("/console/");
            browser.waitTitle("Sign in");
            assertEquals(0L, browser.js("return document.documentElement.scrollWidth > window.innerWidth ? 1 : 0"),
                    "nothing wider than the phone's screen");
            browser.shot("signin-phone");
        } finally {
            browser.desktop();
        }
    }
}
