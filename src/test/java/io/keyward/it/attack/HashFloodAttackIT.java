package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §3: anonymous requests that make the server hash a password (password grants, Create,
 * UpdatePassword, temporary_password) cannot starve authenticated ones, and are bounded: a request that
 * finds no hashing slot in time is refused with 503 (or 429 from a limit), with Retry-After and the
 * endpoint's error body, never another 5xx. The latency under the flood is measured by bench/hashflood.
 */
class HashFloodAttackIT {
    private static final int IN_FLIGHT = 200;
    private static final HttpClient FLOOD = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** One flood request and what it may answer. */
    private record Shot(String what, CompletableFuture<HttpResponse<String>> answer, Set<Integer> allowed) {
    }

    @Test
    void authenticatedRequestsAreServedWhileAnonymousHashingIsBounded() throws Exception {
        String victim = Attacker.register("flood-victim");
        String token = Attacker.login(victim, Attacker.PASSWORD);
        String reader = Attacker.register("flood-reader");
        String readerToken = Attacker.login(reader, Attacker.PASSWORD);

        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            String address = "198.51.100." + (i % 250 + 1);
            switch (i % 4) {
                case 0 -> shots.add(new Shot("password grant", send("POST", "/oauth/token", address,
                        "application/x-www-form-urlencoded", "grant_type=password&username=" + Api.uniqueId("nobody")
                                + "&password=Wrong-Passw0rd"), Set.of(400, 429, 503)));
                case 1 -> {
                    String id = Api.uniqueId("flood");
                    shots.add(new Shot("create", send("POST", "/api/v3/users", address, "application/json",
                            Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                                    .add("ids", Json.createObjectBuilder().add("user_id", id))
                                    .add("primary_email_address", id + "@example.com")
                                    .add("password", Attacker.PASSWORD)).build().toString()), Set.of(200, 503)));
                }
                case 2 -> shots.add(new Shot("update password", send("PUT", "/api/v3/users/" + victim + "/password", address,
                        "application/json", "{\"old\":\"Wrong-Passw0rd-" + i + "\",\"new\":\"Other-Passw0rd-1\"}"),
                        Set.of(401, 429, 503)));
                default -> shots.add(new Shot("temporary password", send("POST", "/api/v3/users/" + Api.uniqueId("forgot")
                        + "/temporary_password", address, "application/json", "{}"), Set.of(200, 429, 503)));
            }
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(shots.stream().map(Shot::answer).toArray(CompletableFuture[]::new));

        // Authenticated reads, one after the other, for as long as the flood lasts: each one is answered.
        int reads = 0;
        while (!all.isDone()) {
            Attacker.Answer a = Attacker.bearer("GET", "/api/v3/users/" + reader + "?field_mask=name", readerToken, null);
            assertEquals(200, a.status(), "authenticated GET during the flood: " + a);
            reads++;
        }
        all.get(5, TimeUnit.MINUTES);
        assertTrue(reads > 0, "no authenticated request ran during the flood");

        int refused = 0;
        for (Shot s : shots) {
            HttpResponse<String> r = s.answer().join();
            String where = s.what() + ": " + r.statusCode() + " " + r.headers().map() + " " + r.body();
            assertTrue(s.allowed().contains(r.statusCode()), where);
            if (r.statusCode() == 503 || r.statusCode() == 429) {
                refused++;
                String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                assertNotNull(retryAfter, where);
                assertTrue(Long.parseLong(retryAfter) >= 1, where);
                JsonObject body = Json.createReader(new java.io.StringReader(r.body())).readObject();
                if (s.what().equals("password grant")) {
                    assertEquals(r.statusCode() == 503 ? "temporarily_unavailable" : "invalid_grant", body.getString("error"), where);
                } else {
                    assertEquals(r.statusCode() == 503 ? 14 : 8, body.getInt("code"), where);
                    assertFalse(body.getJsonArray("details").isEmpty(), where);
                }
            }
        }
        System.out.println("hash flood: " + IN_FLIGHT + " anonymous requests, " + refused + " refused (503/429), "
                + reads + " authenticated GETs meanwhile, all 200");

        // The victim's token still works and the victim's password was not changed by the flood.
        assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + victim, token, null).status());
    }

    /**
     * More password requests than are admitted at once (twice the hashing slots) wait suspended and come back
     * as asynchronous dispatches, which must be served in full: password grants of existing users sent together
     * with as many creates all answer 200 (a grant whose form was lost on its way back answered 400), and every
     * create wrote its user.
     */
    @Test
    void aBurstOfPasswordRequestsWaitsItsTurnAndIsServedInFull() throws Exception {
        int burst = 12;
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            existing.add(Attacker.register("burst"));
        }
        List<String> created = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> grants = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String id = Api.uniqueId("burst");
            created.add(id);
            creates.add(send("POST", "/api/v3/users", "203.0.113." + (i + 1), "application/json",
                    Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                            .add("ids", Json.createObjectBuilder().add("user_id", id))
                            .add("primary_email_address", id + "@example.com")
                            .add("password", Attacker.PASSWORD)).build().toString()));
            grants.add(send("POST", "/oauth/token", "203.0.113." + (i + 101), "application/x-www-form-urlencoded",
                    "grant_type=password&username=" + existing.get(i) + "&password=" + Api.enc(Attacker.PASSWORD)));
        }
        for (int i = 0; i < burst; i++) {
            HttpResponse<String> g = grants.get(i).get(2, TimeUnit.MINUTES);
            assertEquals(200, g.statusCode(), "password grant of " + existing.get(i) + ": " + g.body());
            String token = Json.createReader(new java.io.StringReader(g.body())).readObject().getString("access_token");
            assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + existing.get(i), token, null).status());
            HttpResponse<String> c = creates.get(i).get(2, TimeUnit.MINUTES);
            assertEquals(200, c.statusCode(), "create " + created.get(i) + ": " + c.body());
            assertEquals(200, Attacker.loginFrom("203.0.113.201", created.get(i), Attacker.PASSWORD).status());
        }
    }

    @Test
    void temporaryPasswordsAreLimitedPerUser() {
        String id = Attacker.register("forgetful");
        List<Integer> statuses = new ArrayList<>();
        Attacker.Answer last = null;
        // From different addresses each time: the per-user limit (5 in the window by default) holds anyway.
        for (int i = 0; i < 8; i++) {
            last = Attacker.send("POST", "/api/v3/users/" + id + "/temporary_password",
                    Map.of("Content-Type", "application/json", "X-Forwarded-For", "203.0.113." + (i + 1)), "{}");
            statuses.add(last.status());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429, 429, 429), statuses);
        assertNotNull(last.header("Retry-After"), last.toString());
        assertEquals("rate_limit_exceeded", last.errorName(), last.toString());
        // Another user is not affected.
        assertEquals(200, Attacker.send("POST", "/api/v3/users/" + Attacker.register("other") + "/temporary_password",
                Map.of("Content-Type", "application/json"), "{}").status());
    }

    private static CompletableFuture<HttpResponse<String>> send(String method, String path, String address, String type, String body) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(Api.BASE + path)).timeout(Duration.ofMinutes(3))
                .header("Content-Type", type).header("X-Forwarded-For", address)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return FLOOD.sendAsync(r, HttpResponse.BodyHandlers.ofString());
    }
}
