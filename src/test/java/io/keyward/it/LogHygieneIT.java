package io.keyward.it;

import static io.keyward.it.Users.PASSWORD;
import static io.keyward.it.Users.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.mail.TestSmtp;
import io.keyward.rights.Right;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server log as an operator reads it (issue 15): a burst of client errors (4xx) writes no ERROR or
 * WARNING line, no stack trace and no FFDC incident — only the request lines; a server error (5xx) is
 * logged exactly once, with the correlation ID its body carries, and without the caller's secret.
 * Reads the test server's own {@code messages.log} (path from the build: {@code keyward.server.logs}).
 */
class LogHygieneIT {
    private static final Path LOGS = Path.of(System.getProperty("keyward.server.logs",
            "target/liberty/wlp/usr/servers/defaultServer/logs"));
    private static final Path MESSAGES = LOGS.resolve("messages.log");
    /** {@code [date] thread logger LEVEL message}: Liberty's basic format; E = SEVERE, W = WARNING, F = fatal. */
    private static final String NOTIFICATION_FOR_AN_APPLICATION = "{\"entity_ids\": {\"application_ids\":"
            + " {\"application_id\": \"app-1\"}}, \"notification_type\": \"test_notification\","
            + " \"receivers\": [\"NOTIFICATION_RECEIVER_COLLABORATOR\"]}";
    private static final Pattern RECORD = Pattern.compile("^\\[[^\\]]+\\] \\S+ \\S+\\s+([A-Z]) (.*)$");

    @BeforeAll
    static void deliverableMail() throws InterruptedException {
        // Mail queued by these and earlier tests must go out, not fail: an unreachable SMTP server is a
        // real WARNING, but not the subject here. Start it and wait until the outbox has drained.
        TestSmtp.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Reply pending = Api.get("/api/v3/keyward/mail/outbox?pending=true&limit=1", Credentials.adminToken());
            assertEquals(200, pending.status(), pending.body());
            if (pending.totalCount().equals(List.of("0"))) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "mail outbox did not drain: " + pending.body());
            Thread.sleep(250);
        }
    }

    @Test
    void clientErrorsWriteNoErrorOrWarning() throws Exception {
        String admin = Credentials.adminToken();
        String owner = Api.uniqueId("loghyg");
        register(owner);
        String other = Api.uniqueId("loghyg-other");
        register(other);
        String otherKey = Credentials.createApiKey(other, Credentials.login(other, PASSWORD), Right.RIGHT_ALL);
        String ownerKey = Credentials.createApiKey(owner, Credentials.login(owner, PASSWORD), Right.RIGHT_ALL);
        String user = "/api/v3/users/" + owner;

        Window w = Window.open();
        List<Reply> replies = new ArrayList<>();
        BiConsumer<Reply, Integer> expect = (r, status) -> {
            assertEquals(status, r.status(), r.body());
            replies.add(r);
        };
        expect.accept(Api.get("/api/v3/no-such-route", null), 404);
        expect.accept(Api.get("/api/v3/users/" + Api.uniqueId("nobody") + "?field_mask=name", admin), 404);
        expect.accept(Api.get(user + "?field_mask=primary_email_address", null), 401);
        expect.accept(Api.get(user + "?field_mask=primary_email_address", otherKey), 403);
        expect.accept(Api.get(user + "?field_mask=name", "NNSXS.NOTAKEY.NOTASECRET"), 401);
        expect.accept(Api.get("/api/v3/users/A", null), 400);
        expect.accept(Api.get(user + "?field_mask=password", admin), 400);
        expect.accept(Api.put(user, "{\"user\": {\"name\": \"x\"}, \"field_mask\": \"name\"}", otherKey), 403);
        expect.accept(Api.put(user, "{\"user\": {\"admin\": true}, \"field_mask\": \"admin\"}", ownerKey), 403);
        expect.accept(Api.put(user, "{\"user\": ", admin), 400);
        expect.accept(Api.delete(user, otherKey), 403);
        expect.accept(Api.get("/api/v3/users", otherKey), 403);
        expect.accept(Api.post("/api/v3/users", Users.registration(owner, Users.email(owner), PASSWORD), null), 409);
        expect.accept(Api.get(user + "/api-keys/NOSUCHKEY", ownerKey), 404);
        expect.accept(Api.put(user + "/password", "{\"old\": \"Wrong-Passw0rd!\", \"new\": \"Other-Passw0rd!\"}", null), 401);
        expect.accept(Api.post("/api/v3/notifications", NOTIFICATION_FOR_AN_APPLICATION, otherKey), 403);
        expect.accept(Api.send("PATCH", user, "{}", admin), 501);
        expect.accept(Api.form("/oauth/token", "grant_type=password&username=" + owner + "&password=wrong"), 400);
        String marker = Api.uniqueId("logmark");
        expect.accept(Api.get("/api/v3/users/" + marker + "?field_mask=name", null), 401);

        List<String> lines = w.awaitLine("/api/v3/users/" + marker + " ");
        assertTrue(lines.stream().filter(l -> l.contains(" io.keyward.request ")).count() >= replies.size(),
                "every request has its request line: " + lines);
        List<String> bad = lines.stream().filter(LogHygieneIT::isProblem).toList();
        assertEquals(List.of(), bad, "client errors must not write ERROR/WARNING lines or stack traces");
        assertEquals(w.ffdcBefore, ffdcCount(), "client errors must not create FFDC incidents");
    }

    @Test
    void serverErrorIsLoggedOnceWithItsCorrelationId() throws Exception {
        // The one 5xx a client can provoke: a notification about an entity this server has no receivers for
        // (TTS answers it with code Unknown, 500). Sent by a cluster peer, whose key must never reach the log.
        String key = NotificationHttp.CLUSTER_KEYS.get(0);
        Window w = Window.open();
        Reply r = NotificationHttp.createAsPeer(NOTIFICATION_FOR_AN_APPLICATION);
        assertEquals(500, r.status(), r.body());
        String correlation = r.json().getJsonArray("details").getJsonObject(0).getString("correlation_id");
        assertFalse(correlation.isEmpty());

        List<String> lines = w.awaitLine("correlation_id=" + correlation);
        List<String> errors = lines.stream().filter(LogHygieneIT::isProblem).toList();
        assertEquals(1, errors.size(), "exactly one error line for one 5xx: " + errors);
        assertTrue(errors.get(0).contains(correlation), errors.get(0));
        assertTrue(errors.get(0).contains("no_receiver_user_ids"), errors.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.contains(key)), "the cluster key must not be logged");
    }

    /** An ERROR, WARNING or fatal record, a stack-trace line, or Liberty's rollback complaint. */
    private static boolean isProblem(String line) {
        if (line.startsWith("\tat ") || line.startsWith("Caused by:") || line.contains("WLTC0017E")) {
            return true;
        }
        Matcher m = RECORD.matcher(line);
        return m.matches() && "EWF".contains(m.group(1));
    }

    private static long ffdcCount() throws IOException {
        Path ffdc = LOGS.resolve("ffdc");
        if (!Files.isDirectory(ffdc)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.count();
        }
    }

    /** The part of messages.log written from {@link #open()} on. */
    private static final class Window {
        private final long start;
        final long ffdcBefore;

        private Window(long start, long ffdcBefore) {
            this.start = start;
            this.ffdcBefore = ffdcBefore;
        }

        static Window open() throws IOException {
            assertTrue(Files.isRegularFile(MESSAGES), "server log not found: " + MESSAGES.toAbsolutePath());
            return new Window(Files.size(MESSAGES), ffdcCount());
        }

        /** Waits (the server writes its log asynchronously) until a line contains {@code needle}; the new lines. */
        List<String> awaitLine(String needle) throws Exception {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (true) {
                List<String> lines = read();
                if (lines.stream().anyMatch(l -> l.contains(needle)) || Instant.now().isAfter(deadline)) {
                    assertTrue(lines.stream().anyMatch(l -> l.contains(needle)), "no log line with " + needle);
                    return lines;
                }
                Thread.sleep(200);
            }
        }

        private List<String> read() throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(MESSAGES.toFile(), "r")) {
                // A rolled-over log starts again from the beginning.
                long from = f.length() < start ? 0 : start;
                byte[] bytes = new byte[(int) (f.length() - from)];
                f.seek(from);
                f.readFully(bytes);
                return new String(bytes, StandardCharsets.UTF_8).lines().toList();
            }
        }
    }
}
