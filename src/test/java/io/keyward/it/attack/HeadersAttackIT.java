package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.attack.Attacker.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §7: answers that carry a secret are never stored by browsers or proxies, HTTPS answers pin
 * HTTPS (HSTS), only configured origins may call the API from a browser (the test server allows
 * {@code https://console.keyward.test}), and the generated keystore has no well-known password.
 */
class HeadersAttackIT {
    private static final String CONSOLE = "https://console.keyward.test";

    @Test
    void secretBearingAnswersAreNotStored() {
        String user = Attacker.register("nostore");
        String token = Attacker.login(user, Attacker.PASSWORD);
        Answer key = Attacker.bearer("POST", "/api/v3/users/" + user + "/api-keys", token,
                "{\"name\":\"k\",\"rights\":[\"RIGHT_USER_INFO\"]}");
        assertEquals(200, key.status(), key.toString());
        assertTrue(key.json().getString("key").startsWith("NNSXS."));
        assertEquals("no-store", key.header("Cache-Control"), key.toString());

        String admin = Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        Answer sent = Attacker.bearer("POST", "/api/v3/invitations", admin,
                "{\"email\":\"" + Api.uniqueId("invitee") + "@example.com\"}");
        assertEquals(200, sent.status(), sent.toString());
        assertNotNull(sent.json().getString("token"));
        assertEquals("no-store", sent.header("Cache-Control"), sent.toString());
        Answer list = Attacker.bearer("GET", "/api/v3/invitations?limit=1", admin, null);
        assertEquals(200, list.status(), list.toString());
        assertEquals("no-store", list.header("Cache-Control"), list.toString());

        Answer granted = Attacker.form("grant_type=password&username=" + user + "&password=" + Api.enc(Attacker.PASSWORD));
        assertEquals(200, granted.status());
        assertEquals("no-store", granted.header("Cache-Control"));
        Answer refused = Attacker.form("grant_type=password&username=" + user + "&password=wrong");
        assertEquals("invalid_grant", refused.json().getString("error"), refused.toString());
        assertEquals("no-store", refused.header("Cache-Control"));
    }

    @Test
    void httpsAnswersCarryHsts() {
        Answer tls = Attacker.sendTls("GET", "/api/v3/users/" + Api.ADMIN_ID, Map.of(), null);
        assertEquals(401, tls.status(), tls.toString());
        assertEquals("max-age=31536000", tls.header("Strict-Transport-Security"), tls.toString());
        Answer token = Attacker.sendTls("POST", "/oauth/token", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=password&username=" + Api.ADMIN_ID + "&password=" + Api.enc(Api.ADMIN_PASSWORD));
        assertEquals(200, token.status(), token.toString());
        assertEquals("max-age=31536000", token.header("Strict-Transport-Security"));
        // Plain HTTP must not send it (RFC 6797 §7.2: ignored there, and meaningless).
        assertNull(Attacker.send("GET", "/api/v3/users/" + Api.ADMIN_ID, Map.of(), null).header("Strict-Transport-Security"));
    }

    @Test
    void onlyConfiguredOriginsMayCallFromABrowser() {
        String admin = Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        Answer allowed = Attacker.send("GET", "/api/v3/users?limit=1", Map.of("Authorization", "Bearer " + admin, "Origin", CONSOLE), null);
        assertEquals(200, allowed.status());
        assertEquals(CONSOLE, allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));
        String exposed = allowed.header("Access-Control-Expose-Headers");
        assertTrue(exposed.contains("X-Total-Count") && exposed.contains("X-Warning"), exposed);
        assertTrue(allowed.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")), allowed.toString());

        Answer preflight = Attacker.send("OPTIONS", "/api/v3/users", Map.of("Origin", CONSOLE,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization, content-type"), null);
        assertEquals(204, preflight.status(), preflight.toString());
        assertEquals(CONSOLE, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("PUT"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("Authorization"));

        for (String evil : new String[] {"https://evil.example", "https://console.keyward.test.evil.example", "null"}) {
            Answer refused = Attacker.send("GET", "/api/v3/users?limit=1", Map.of("Authorization", "Bearer " + admin, "Origin", evil), null);
            assertNull(refused.header("Access-Control-Allow-Origin"), evil);
            assertNull(refused.header("Access-Control-Allow-Credentials"), evil);
            Answer evilPreflight = Attacker.send("OPTIONS", "/api/v3/users", Map.of("Origin", evil, "Access-Control-Request-Method", "DELETE"), null);
            assertNull(evilPreflight.header("Access-Control-Allow-Origin"), evil);
            assertNull(evilPreflight.header("Access-Control-Allow-Methods"), evil);
        }
    }

    /** The keystore the server generated at first start does not open with the old fixed password. */
    @Test
    void theGeneratedKeystoreHasNoWellKnownPassword() throws Exception {
        Path p12 = Path.of("target", "liberty", "wlp", "usr", "servers",
                System.getProperty("keyward.server.name", "defaultServer"), "resources", "security", "key.p12");
        assertTrue(Files.exists(p12), "keystore generated at " + p12.toAbsolutePath());
        // HTTPS answers, so the server opened it with its own password.
        assertEquals(200, Attacker.sendTls("GET", "/health/live", Map.of(), null).status());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        assertThrows(IOException.class, () -> {
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, "keyward-self-signed".toCharArray());
            }
        });
    }
}
