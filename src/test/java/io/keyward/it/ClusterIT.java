package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.rights.Right;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two Keyward nodes on one PostgreSQL database (the PostgreSQL pass starts a second server): a change or
 * a revocation made through node A is seen on node B within {@value #BOUND_MILLIS} ms, far inside the
 * 5 s that the per-node copies would otherwise keep it (issue 13). Every round first warms B's copy, so
 * that B must have dropped it on the database's notice. A delay is measured from A's answer to the start
 * of the first request to B that shows the change, polling B as fast as it answers.
 */
@EnabledIfSystemProperty(named = "keyward.node2.url", matches = ".+")
class ClusterIT {
    static final long BOUND_MILLIS = 100;
    static final int ROUNDS = 10;
    private static final String A = Api.BASE;
    private static final String B = System.getProperty("keyward.node2.url");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, String body, List<String> warnings) {
        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }
    }

    static Answer call(String base, String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().allValues("X-Warning"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + base + path + ": " + e, e);
        }
    }

    /**
     * How long after now a request to B first shows the change: the start of the first request whose
     * answer passes {@code check}, in ms from now (0: B's very next request showed it). B's own time to
     * answer is not counted: it is not a delay of the change, and a loaded machine stretches it.
     */
    static long untilOnB(String path, String token, Predicate<Answer> check) {
        long start = System.nanoTime();
        Answer last;
        do {
            long sent = System.nanoTime();
            last = call(B, "GET", path, null, token);
            if (check.test(last)) {
                return (sent - start) / 1_000_000;
            }
        } while (System.nanoTime() - start < 10_000_000_000L);
        throw new AssertionError("node B never showed the change within 10 s; last answer: " + last.status() + " " + last.body());
    }

    /** Every delay within the bound, but for at most one round (a scheduling hiccup of a loaded machine) under 1 s. */
    static void assertWithinBound(String what, List<Long> delays) {
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        long secondWorst = sorted.get(sorted.size() - 2);
        long worst = sorted.get(sorted.size() - 1);
        assertTrue(secondWorst <= BOUND_MILLIS && worst < 1000,
                what + ": delays on node B (ms) " + delays + " exceed " + BOUND_MILLIS + " ms");
    }

    private static String registerUser() {
        String id = Api.uniqueId("cluster");
        Answer r = call(A, "POST", "/api/v3/users",
                Users.registration(id, Users.email(id), Users.PASSWORD).toString(), null);
        assertEquals(200, r.status(), r.body());
        return id;
    }

    private static String key(String userId) {
        String token = Credentials.login(userId, Users.PASSWORD);
        return Credentials.createApiKey(userId, token, Right.RIGHT_ALL);
    }

    private static String name(Answer a) {
        return a.status() == 200 ? a.json().getString("name", "") : "(status " + a.status() + ")";
    }

    @Test
    void aRenameThroughAShowsOnB() {
        String id = registerUser();
        String key = key(id);
        String path = "/api/v3/users/" + id + "?field_mask=name";
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            String before = name(call(B, "GET", path, null, key));
            String next = "Round " + i;
            assertTrue(!before.equals(next), before);
            Answer renamed = call(A, "PUT", "/api/v3/users/" + id,
                    "{\"user\":{\"name\":\"" + next + "\"},\"field_mask\":{\"paths\":[\"name\"]}}", key);
            assertEquals(200, renamed.status(), renamed.body());
            delays.add(untilOnB(path, key, a -> next.equals(name(a))));
        }
        assertWithinBound("rename", delays);
    }

    @Test
    void aKeyDeletedThroughAStopsWorkingOnB() {
        String id = registerUser();
        String login = Credentials.login(id, Users.PASSWORD);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            String key = Credentials.createApiKey(id, login, Right.RIGHT_ALL);
            String keyId = key.split("\\.")[1];
            assertEquals(200, call(B, "GET", "/api/v3/auth_info", null, key).status(), "B knows the new key");
            Answer deleted = call(A, "DELETE", "/api/v3/users/" + id + "/api-keys/" + keyId, null, login);
            assertEquals(200, deleted.status(), deleted.body());
            delays.add(untilOnB("/api/v3/users/" + id + "?field_mask=name", key, a -> a.status() == 401));
        }
        assertWithinBound("API key deletion", delays);
    }

    @Test
    void aUserSuspendedThroughAIsRestrictedOnB() {
        String admin = Credentials.adminToken();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            String id = registerUser();
            String key = key(id);
            Answer info = call(B, "GET", "/api/v3/auth_info", null, key);
            assertEquals(200, info.status(), info.body());
            assertEquals(List.of(), info.warnings(), "not suspended yet");
            Answer suspended = call(A, "PUT", "/api/v3/users/" + id,
                    "{\"user\":{\"state\":\"STATE_SUSPENDED\"},\"field_mask\":{\"paths\":[\"state\"]}}", admin);
            assertEquals(200, suspended.status(), suspended.body());
            delays.add(untilOnB("/api/v3/auth_info", key, a -> !a.warnings().isEmpty()));
        }
        assertWithinBound("suspension", delays);
    }

    @Test
    void aTokenRotatedThroughAStopsWorkingOnB() {
        String id = registerUser();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            JsonObject pair = Credentials.loginReply(id, Users.PASSWORD).json();
            String access = pair.getString("access_token");
            assertEquals(200, call(B, "GET", "/api/v3/auth_info", null, access).status(), "B knows the token");
            Api.Reply refreshed = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token="
                    + Api.enc(pair.getString("refresh_token")));
            assertEquals(200, refreshed.status(), refreshed.body());
            delays.add(untilOnB("/api/v3/users/" + id + "?field_mask=name", access, a -> a.status() == 401));
        }
        assertWithinBound("token rotation", delays);
    }

    /**
     * A user session deleted through A (issue 18 §3): its access token, which B had just verified and
     * cached, is refused by B within the bound, and its refresh token is refused.
     */
    @Test
    void aSessionDeletedThroughAIsRefusedOnB() {
        String id = registerUser();
        String key = key(id);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            JsonObject pair = Credentials.loginReply(id, Users.PASSWORD).json();
            String access = pair.getString("access_token");
            assertEquals(200, call(B, "GET", "/api/v3/auth_info", null, access).status(), "B knows the token");
            Answer listed = call(A, "GET", "/api/v3/users/" + id + "/sessions?order=-created_at&limit=1", null, access);
            assertEquals(200, listed.status(), listed.body());
            String session = listed.json().getJsonArray("sessions").getJsonObject(0).getString("session_id");
            Answer deleted = call(A, "DELETE", "/api/v3/users/" + id + "/sessions/" + session, null, key);
            assertEquals(200, deleted.status(), deleted.body());
            delays.add(untilOnB("/api/v3/users/" + id + "?field_mask=name", access, a -> a.status() == 401));
            Api.Reply refreshed = Api.form("/oauth/token", "grant_type=refresh_token&refresh_token="
                    + Api.enc(pair.getString("refresh_token")));
            assertEquals(400, refreshed.status(), refreshed.body());
        }
        assertWithinBound("session deletion", delays);
    }

    /**
     * The listening connections are cut (as a database restart or a network fault would): both nodes
     * listen again by themselves, and changes show on B within the bound again.
     */
    @Test
    void aLostListenerReconnectsAndChangesShowAgain() throws Exception {
        String id = registerUser();
        String key = key(id);
        String path = "/api/v3/users/" + id + "?field_mask=name";
        assertEquals(200, call(B, "GET", path, null, key).status());
        try (Connection db = database();
             PreparedStatement s = db.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = 'keyward-change-feed' AND datname = current_database()")) {
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                assertTrue(r.getInt(1) >= 2, "both nodes had a listening connection: " + r.getInt(1));
            }
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!(ready(A) && ready(B)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(ready(A) && ready(B), "both nodes ready again");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String next = "After " + i;
            call(B, "GET", path, null, key);
            assertEquals(200, call(A, "PUT", "/api/v3/users/" + id,
                    "{\"user\":{\"name\":\"" + next + "\"},\"field_mask\":{\"paths\":[\"name\"]}}", key).status());
            delays.add(untilOnB(path, key, a -> next.equals(name(a))));
        }
        assertWithinBound("rename after the listener reconnected", delays);
    }

    /**
     * A change of access written by another tool than Keyward (here plain SQL, as an operator's script would)
     * still reaches B within the bound: the database's trigger announces it, whoever writes.
     */
    @Test
    void aSuspensionWrittenBySqlIsRestrictedOnB() throws Exception {
        List<Long> delays = new ArrayList<>();
        try (Connection db = database();
             PreparedStatement suspend = db.prepareStatement("UPDATE users SET state = 4 WHERE user_id = ?")) {
            for (int i = 0; i < 3; i++) {
                String id = registerUser();
                String key = key(id);
                Answer info = call(B, "GET", "/api/v3/auth_info", null, key);
                assertEquals(List.of(), info.warnings(), "not suspended yet");
                suspend.setString(1, id);
                assertEquals(1, suspend.executeUpdate());
                delays.add(untilOnB("/api/v3/auth_info", key, a -> !a.warnings().isEmpty()));
            }
        }
        assertWithinBound("suspension by SQL", delays);
    }

    /**
     * The row trigger announces only changes of access (V28), so that a rename does not take PostgreSQL's
     * database-wide notify lock; the writing node announces descriptive changes itself (checked above).
     */
    @Test
    void theDatabaseAnnouncesAccessChangesButNotRenames() throws Exception {
        String id = registerUser();
        try (Connection listener = database(); Connection writer = database()) {
            try (java.sql.Statement s = listener.createStatement()) {
                s.execute("LISTEN keyward_changes");
            }
            try (PreparedStatement rename = writer.prepareStatement("UPDATE users SET name = 'Quiet', description = 'x' WHERE user_id = ?")) {
                rename.setString(1, id);
                assertEquals(1, rename.executeUpdate());
            }
            assertEquals(List.of(), noticesFor(listener, id, 300), "a rename by SQL is not announced by the database");
            try (PreparedStatement describe = writer.prepareStatement("UPDATE users SET state_description = 'why' WHERE user_id = ?")) {
                describe.setString(1, id);
                assertEquals(1, describe.executeUpdate());
            }
            assertEquals(List.of("u:" + id), noticesFor(listener, id, 2000), "a change of access is announced");
        }
    }

    private static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(System.getProperty("keyward.pg.url"),
                System.getProperty("keyward.pg.user"), System.getProperty("keyward.pg.password"));
    }

    /** The notices naming {@code userId} that arrive within {@code millis}. */
    private static List<String> noticesFor(Connection listener, String userId, int millis) throws java.sql.SQLException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            org.postgresql.PGNotification[] notices = listener.unwrap(org.postgresql.PGConnection.class)
                    .getNotifications((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (notices != null) {
                for (org.postgresql.PGNotification n : notices) {
                    if (n.getParameter().equals("u:" + userId)) {
                        seen.add(n.getParameter());
                    }
                }
            }
        }
        return seen;
    }

    private static boolean ready(String base) {
        Answer r = call(base, "GET", "/health/ready", null, null);
        return r.status() == 200;
    }
}
