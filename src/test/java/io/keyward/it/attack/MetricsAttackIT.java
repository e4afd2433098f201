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

    /**
     * Issue 15 §2: the figures an operator alerts on move with what happens. The per-(user, address) limit
     * of the test servers is the default 5, so the sixth wrong guess from one address is throttled.
     */
    @Test
    void theCountersMoveWithFailedAndThrottledLoginsQueuedMailAndCredentialChecks() {
        String bad = "keyward_logins_total{grant=\"password\",mp_scope=\"application\",outcome=\"bad_credentials\"}";
        String throttled = "keyward_logins_total{grant=\"password\",mp_scope=\"application\",outcome=\"throttled\"}";
        String ok = "keyward_logins_total{grant=\"password\",mp_scope=\"application\",outcome=\"ok\"}";
        String tokenChecks = "keyward_credential_checks_total{kind=\"token\",mp_scope=\"application\",result=\"verified\"}";
        String[] outbox = {"keyward_outbox_messages{mp_scope=\"application\",state=\"pending\"}",
            "keyward_outbox_messages{mp_scope=\"application\",state=\"sent\"}",
            "keyward_outbox_messages{mp_scope=\"application\",state=\"dead\"}"};
        String scrape = scrape();
        double badBefore = value(scrape, bad);
        double throttledBefore = value(scrape, throttled);
        double okBefore = value(scrape, ok);
        double tokenChecksBefore = value(scrape, tokenChecks);
        double mailBefore = sum(scrape, outbox);

        String user = Attacker.register("metrics"); // queues its e-mail validation mail
        String address = "192.0.2." + (int) (Math.random() * 250 + 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(400, Attacker.loginFrom(address, user, "Wrong-Passw0rd-" + i).status());
        }
        assertEquals(429, Attacker.loginFrom(address, user, "Wrong-Passw0rd-6").status());
        String token = Attacker.login(user, Attacker.PASSWORD);
        assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + user, token, null).status());

        String after = scrape();
        assertTrue(value(after, bad) >= badBefore + 5, bad + " moved: " + badBefore + " -> " + value(after, bad)
                + "; Keyward's series: " + ours(after));
        assertTrue(value(after, throttled) >= throttledBefore + 1, throttled + " moved");
        assertTrue(value(after, ok) >= okBefore + 1, ok + " moved");
        assertTrue(value(after, tokenChecks) >= tokenChecksBefore + 1, tokenChecks + " moved");
        assertTrue(sum(after, outbox) >= mailBefore + 1, "the queued mail shows in the outbox gauges");
        assertTrue(after.contains("\nkeyward_outbox_oldest_unsent_seconds{"), "the backlog gauge is there: " + ours(after));
        assertEquals(1.0, value(after, "keyward_database_up{mp_scope=\"application\"}"), ours(after));
    }

    @Test
    void requestsCountByRouteTemplateAndStatusClassWithAHistogram() {
        String user = Attacker.register("routes");
        String token = Attacker.login(user, Attacker.PASSWORD);
        String route = "route=\"/api/v3/users/{user_id}\"";
        double okBefore = routeCount(scrape(), route, "GET", "2xx");
        double deniedBefore = routeCount(scrape(), route, "GET", "4xx");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + user, token, null).status());
        }
        assertEquals(401, Attacker.send("GET", "/api/v3/users/" + user + "?field_mask=password_updated_at", Map.of(), null).status());
        String after = scrape();
        assertTrue(routeCount(after, route, "GET", "2xx") >= okBefore + 3, ours(after));
        assertTrue(routeCount(after, route, "GET", "4xx") >= deniedBefore + 1, ours(after));
        assertTrue(after.lines().anyMatch(l -> l.startsWith("keyward_http_server_requests_seconds_bucket{") && l.contains(route)),
                "a latency histogram per route: " + ours(after));
        // The label holds templates only: no user ID, however many users are asked for.
        assertFalse(after.contains("route=\"/api/v3/users/" + user), ours(after));
    }

    /** The request count of one route, method and status class (labels in any order). */
    private static double routeCount(String scrape, String route, String method, String status) {
        return scrape.lines().filter(l -> l.startsWith("keyward_http_server_requests_seconds_count{"))
                .filter(l -> l.contains(route) && l.contains("method=\"" + method + "\"") && l.contains("status=\"" + status + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String scrape() {
        Answer a = Attacker.sendTls("GET", "/metrics?scope=application", Map.of("Authorization", basic(SCRAPER, SCRAPER_PASSWORD)), null);
        assertEquals(200, a.status(), a.toString());
        return a.body();
    }

    /** The value of one series in the Prometheus text; 0 if it was not written yet (a counter not yet used). */
    private static double value(String scrape, String series) {
        for (String written : scrape.split("\n")) {
            String line = written.replace(",}", "}"); // the exporter may end the label list with a comma
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String ours(String scrape) {
        return String.join("\n", java.util.Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith("keyward_")).toList());
    }

    private static double sum(String scrape, String... series) {
        double total = 0;
        for (String s : series) {
            total += value(scrape, s);
        }
        return total;
    }

    private static void assertNoFigures(Answer a) {
        assertFalse(a.body().contains("# TYPE "), a.toString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
