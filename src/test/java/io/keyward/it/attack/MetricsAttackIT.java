package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.attack.Attacker.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /metrics is not open to the world (issue 12 §7): the test servers run with is.metrics.access=basic, so
 * only the configured scraper user, over HTTPS, reads it. Neither a stranger, nor a wrong password, nor a
 * Keyward admin's own token (an API credential, not a management one) gets the figures.
 */
class MetricsAttackIT {
    private static final String SCRAPER = "metrics";
    private static final String SCRAPER_PASSWORD = System.getProperty("keyward.metrics.password", "Metrics-Passw0rd!");

    @Test
    void strangersGetNoMetrics() {
        Answer plain = Attacker.send("GET", "/metrics", Map.of(), null);
        assertNotEquals(200, plain.status(), plain.toString());
        assertNoFigures(plain);
        Answer tls = Attacker.sendTls("GET", "/metrics", Map.of(), null);
        assertEquals(401, tls.status(), tls.toString());
        assertNoFigures(tls);
    }

    @Test
    void aWrongPasswordOrAnApiCredentialGetsNoMetrics() {
        Answer wrong = Attacker.sendTls("GET", "/metrics", Map.of("Authorization", basic(SCRAPER, SCRAPER_PASSWORD + "x")), null);
        assertEquals(401, wrong.status(), wrong.toString());
        assertNoFigures(wrong);
        Answer otherUser = Attacker.sendTls("GET", "/metrics", Map.of("Authorization", basic(Api.ADMIN_ID, Api.ADMIN_PASSWORD)), null);
        assertEquals(401, otherUser.status(), otherUser.toString());
        String admin = Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        Answer bearer = Attacker.sendTls("GET", "/metrics", Map.of("Authorization", "Bearer " + admin), null);
        assertNotEquals(200, bearer.status(), bearer.toString());
        assertNoFigures(bearer);
    }

    @Test
    void theScraperReadsThemOverHttps() {
        Answer ok = Attacker.sendTls("GET", "/metrics", Map.of("Authorization", basic(SCRAPER, SCRAPER_PASSWORD)), null);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.body().contains("# TYPE "), ok.body());
        // The same user over plain HTTP: the password would cross the wire in clear, so no figures there.
        Answer plain = Attacker.send("GET", "/metrics", Map.of("Authorization", basic(SCRAPER, SCRAPER_PASSWORD)), null);
        assertNoFigures(plain);
    }

    private static void assertNoFigures(Answer a) {
        assertFalse(a.body().contains("# TYPE "), a.toString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
