package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin's users table and a user's page in a real browser, each action checked against the API. */
class AdminUsersIT {
    @RegisterExtension
    static final Browser browser = Browser.signedInAsAdmin();

    @Test
    void searchFiltersSortAndPageWithTheTotal() {
        String tag = Api.uniqueId("tbl").substring(4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(Browser.newUser("con-" + tag + "-" + (char) ('a' + i)));
        }
        Browser.adminUpdate(ids.get(3), Map.of("name", "<img src=x onerror=\"window.__xss=1\">",
                "description", "north gateway " + tag));
        Browser.adminUpdate(ids.get(5), Map.of("state", "STATE_SUSPENDED"));
        browser.go("admin/users", "Users");
        browser.type("#filter-id_contains", tag);
        browser.select("#filter-limit", "10");
        browser.select("#filter-order", "-user_id");
        browser.click("#users-filter button[type=submit]");
        browser.waitText("#users-total", "12 users found");
        browser.waitText(".page-info", "Page 1 of 2 (12 users)");
        assertEquals(10, browser.all("#users-results tbody tr").size());
        assertEquals(ids.get(11), browser.all("#users-results .user-link").get(0).getText(), "newest ID first (Z-A)");
        browser.shot("users-desktop");
        browser.button(".pager", "Next");
        browser.waitText(".page-info", "Page 2 of 2");
        assertEquals(2, browser.all("#users-results tbody tr").size());
        assertEquals(ids.get(0), browser.all("#users-results .user-link").get(1).getText());
        // The server's answer for the same query agrees.
        Reply r = Api.get("/api/v3/search/users?id_contains=" + tag + "&limit=10&page=2&order=-user_id", Browser.adminToken());
        assertEquals(12, r.total());
        assertEquals(2, r.json().getJsonArray("users").size());

        // A name with markup is shown as text and never runs.
        browser.type("#filter-description_contains", "north gateway " + tag);
        browser.click("#users-filter button[type=submit]");
        browser.waitText("#users-total", "1 user found");
        assertEquals("<img src=x onerror=\"window.__xss=1\">", browser.find("#users-results .user-name").getText());
        assertTrue(browser.all("#users-results img").isEmpty());
        assertNull(browser.js("return window.__xss"));
        browser.type("#filter-description_contains", "");

        browser.select("#filter-state", "STATE_SUSPENDED");
        browser.click("#users-filter button[type=submit]");
        browser.waitText("#users-total", "1 user found");
        assertEquals(ids.get(5), browser.find("#users-results .user-link").getText());
        browser.phone();
        try {
            browser.shot("users-phone");
        } finally {
            browser.desktop();
        }
        browser.select("#filter-state", "");
        browser.type("#filter-id_contains", "");
    }

    @Test
    void userDetailEditStatesAdminDeleteRestorePurge() {
        String id = Browser.newUser("con-detail");
        browser.go("admin/users/" + id, "User " + id);
        browser.type("#user-name", "Dana Field");
        browser.type("#user-description", "Field engineer");
        browser.click("#user-form button[type=submit]");
        browser.waitText("#user-result", "User saved.");
        JsonObject u = Browser.user(id, "name,description,admin");
        assertEquals("Dana Field", u.getString("name"));
        assertEquals("Field engineer", u.getString("description"));
        browser.shot("user-detail-desktop");

        browser.type("#state-description", "Too many failed uplinks");
        browser.click("#state-suspend");
        browser.waitText("#user-result", "User suspended.");
        browser.waitText("#user-state", "Suspended — Too many failed uplinks");
        u = Browser.user(id, "state,state_description");
        assertEquals("STATE_SUSPENDED", u.getString("state"));
        assertEquals("Too many failed uplinks", u.getString("state_description"));
        browser.click("#state-flag");
        browser.waitText("#user-state", "Flagged");
        assertEquals("STATE_FLAGGED", Browser.user(id, "state").getString("state"));
        browser.click("#state-reject");
        browser.waitText("#user-state", "Rejected");
        assertEquals("STATE_REJECTED", Browser.user(id, "state").getString("state"));
        browser.type("#state-description", "");
        browser.click("#state-approve");
        browser.waitText("#user-state", "Approved");
        assertEquals("STATE_APPROVED", Browser.user(id, "state").getString("state"));

        browser.click("#user-admin");
        browser.click("#user-form button[type=submit]");
        browser.waitText("#user-result", "User saved.");
        assertTrue(Browser.user(id, "admin").getBoolean("admin", false));
        browser.click("#user-admin");
        browser.click("#user-form button[type=submit]");
        browser.waitText("#user-result", "User saved.");
        assertFalse(Browser.user(id, "admin").getBoolean("admin", false));

        // A refused change is said in words with its field.
        browser.js("document.getElementById('user-email').type = 'text'");
        browser.type("#user-email", "nope");
        browser.click("#user-form button[type=submit]");
        String error = browser.waitText("#user-result .msg.error", "Could not save the user");
        assertTrue(error.contains("primary_email_address"), error);

        browser.click("#user-delete");
        browser.button("#user-result .confirm", "Delete user");
        browser.waitText("#user-deleted", "");
        browser.waitText("main", "This user is deleted.");
        assertEquals(404, Api.get("/api/v3/users/" + id, Browser.adminToken()).status());
        browser.click("#user-restore");
        browser.waitText("#user-result", "User restored.");
        assertEquals(200, Api.get("/api/v3/users/" + id, Browser.adminToken()).status());

        browser.click("#user-delete");
        browser.button("#user-result .confirm", "Delete user");
        browser.waitText("main", "This user is deleted.");
        browser.click("#user-purge");
        browser.type(".confirm-typed", id.substring(0, 4));
        assertFalse(browser.find(".confirm-yes").isEnabled(), "purge waits for the exact ID");
        browser.type(".confirm-typed", id);
        browser.click(".confirm-yes");
        browser.waitTitle("User purged");
        Reply search = Api.get("/api/v3/search/users?deleted=true&id_contains=" + id, Browser.adminToken());
        assertFalse(search.body().contains(id), search.body());
    }
}
