package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyward.it.attack.Attacker.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §1–§2: password guessing through {@code /oauth/token} and UpdatePassword meets one throttle,
 * counted before hashing, per user and address first, with a growing per-user delay instead of a lockout
 * a stranger could trigger, shared by all nodes. Clients at different addresses are played through the
 * trusted proxy (127.0.0.1 sends {@code X-Forwarded-For}). Limits of the test server: 5 failures per user
 * and address, 20 per user before the delay (the per-address limit is lifted: every test runs from one host).
 */
class ThrottleAttackIT {
    private static final int PER_USER_ADDRESS = 5;
    private static final int PER_USER = 20;

    private static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    @Test
    void updatePasswordIsNoPasswordOracle() {
        String victim = Attacker.register("oracle");
        String attacker = randomAddress();
        for (int i = 0; i < PER_USER_ADDRESS; i++) {
            Answer wrong = Attacker.changePasswordFrom(attacker, victim, "Guess-Passw0rd" + i, "Owned-Passw0rd1");
            assertEquals(401, wrong.status(), wrong.toString());
            assertEquals("old_password", wrong.errorName());
        }
        // Over the limit: refused before any check, even with the right old password.
        Answer refused = Attacker.changePasswordFrom(attacker, victim, Attacker.PASSWORD, "Owned-Passw0rd1");
        assertEquals(429, refused.status(), refused.toString());
        assertEquals("rate_limit_exceeded", refused.errorName());
        assertEquals(8, refused.json().getInt("code"), "RESOURCE_EXHAUSTED");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, refused.toString());
        // The same budget as the password grant: the login from that address is refused too.
        Answer login = Attacker.loginFrom(attacker, victim, Attacker.PASSWORD);
        assertEquals(429, login.status(), login.toString());
        assertNotNull(login.header("Retry-After"));
        // The owner, elsewhere, is not locked out, and the password was never changed.
        assertEquals(200, Attacker.loginFrom(randomAddress(), victim, Attacker.PASSWORD).status());
    }

    @Test
    void concurrentGuessesCannotOverrunTheLimit() throws Exception {
        String victim = Attacker.register("burst");
        String attacker = randomAddress();
        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int guess = i;
                done.add(pool.submit(() -> {
                    start.await();
                    Answer a = Attacker.loginFrom(attacker, victim, "Guess-Passw0rd" + guess);
                    statuses.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Exactly the limit were checked (400 invalid_grant), every other guess was refused unchecked.
        assertEquals(PER_USER_ADDRESS, statuses.getOrDefault(400, new AtomicInteger()).get(), statuses.toString());
        assertEquals(n - PER_USER_ADDRESS, statuses.getOrDefault(429, new AtomicInteger()).get(), statuses.toString());
    }

    @Test
    void aStrangerCannotLockTheOwnerOut() {
        String victim = Attacker.register("lockout");
        String stranger = randomAddress();
        for (int i = 0; i < PER_USER_ADDRESS; i++) {
            assertEquals(400, Attacker.loginFrom(stranger, victim, "Guess-Passw0rd" + i).status());
        }
        assertEquals(429, Attacker.loginFrom(stranger, victim, "Guess-Passw0rd").status());
        // The owner, from its own address, logs in at once.
        Answer owner = Attacker.loginFrom(randomAddress(), victim, Attacker.PASSWORD);
        assertEquals(200, owner.status(), owner.toString());
    }

    @Test
    void manyAddressesMeetAGrowingPerUserDelay() {
        String victim = Attacker.register("botnet");
        // 20 failures, 4 per address (under the per-address-and-user limit): all checked.
        for (int i = 0; i < PER_USER; i++) {
            String address = "10.99." + (i / 4) + "." + (1 + ThreadLocalRandom.current().nextInt(200));
            Answer a = Attacker.loginFrom(address, victim, "Guess-Passw0rd" + i);
            assertEquals(400, a.status(), i + ": " + a);
        }
        // Now every further attempt, from any address, waits: about one increment (1 minute) at first.
        Answer delayed = Attacker.loginFrom(randomAddress(), victim, "Guess-Passw0rd");
        assertEquals(429, delayed.status(), delayed.toString());
        long wait = Long.parseLong(delayed.header("Retry-After"));
        assertTrue(wait > 0 && wait <= 60, "first delay is one increment: " + wait);
        assertEquals(429, Attacker.loginFrom(randomAddress(), victim, Attacker.PASSWORD).status());
    }

    /** Two nodes on one database share the counts (PostgreSQL pass: a second node runs there). */
    @Test
    void theCountsHoldAcrossNodes() throws Exception {
        String node2 = System.getProperty("keyward.node2.url");
        assumeTrue(node2 != null, "a second node runs only in the PostgreSQL pass");
        String victim = Attacker.register("nodes");
        for (int i = 0; i < PER_USER_ADDRESS; i++) {
            assertEquals(400, Attacker.form("grant_type=password&username=" + victim + "&password=Guess-Passw0rd" + i).status());
        }
        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node2 + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + victim + "&password=" + Attacker.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, other.statusCode(), other.body());
    }
}
