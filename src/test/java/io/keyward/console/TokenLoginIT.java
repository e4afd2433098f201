package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A login link (CreateLoginToken) lands on the console, which exchanges it once for a session at
 * /oauth/token with the login-token grant, and takes the token out of the address bar first.
 */
class TokenLoginIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    private static String loginToken(String userId) {
        Reply r = Api.post("/api/v3/users/" + userId + "/login-tokens?skip_email=true", "{}", Browser.adminToken());
        assertEquals(200, r.status(), r.body());
        return r.json().getString("token");
    }

    @Test
    void theMailsLinkSignsInOnceAndLeavesNoTokenInTheAddress() {
        String id = Browser.newUser("con-tokenlogin");
        String token = loginToken(id);
        // The mail's link: <is.email.network.identity-server-url>/token-login (…/oauth by default).
        browser.open("/oauth/token-login?token=" + Api.enc(token));
        browser.waitText("#who-name", id);
        browser.waitTitle("Profile");
        assertFalse(browser.driver.getCurrentUrl().contains(token), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.getCurrentUrl().contains("/console/"), browser.driver.getCurrentUrl());
        browser.signOut();

        // Spent: the same link again says so in words, and the API agrees.
        browser.open("/console/token-login?token=" + Api.enc(token));
        browser.waitText("main", "This login link does not work: Login token already used");
        browser.waitTitle("Sign in");
        Reply again = Api.form("/oauth/token", "grant_type=" + Api.enc("urn:keyward:grant-type:login-token") + "&token=" + Api.enc(token));
        assertEquals(400, again.status());
        assertTrue(again.body().contains("login token already used"), again.body());
    }

    @Test
    void theConsolesOwnPathWorksAndAnUnknownTokenIsRefusedInWords() {
        String id = Browser.newUser("con-tokenlogin2");
        browser.open("/console/token-login?token=" + Api.enc(loginToken(id)));
        browser.waitText("#who-name", id);
        browser.signOut();
        browser.open("/console/token-login?token=nonsense");
        browser.waitText("main", "This login link does not work: Login token not found");
    }
}
