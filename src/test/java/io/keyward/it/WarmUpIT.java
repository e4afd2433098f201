package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 §4: the test server warmed itself up before it reported ready. Readiness names the warm-up check, and
 * the server's log (messages.log and any rotated copy) says how many requests the warm-up sent.
 */
class WarmUpIT {
    private static final Path LOGS = Path.of(System.getProperty("keyward.server.logs",
            "target/liberty/wlp/usr/servers/defaultServer/logs"));
    private static final Pattern DONE = Pattern.compile("warm-up done: (\\d+) requests in ([0-9.]+) s");

    @Test
    void readinessWaitedForTheWarmUp() {
        Reply ready = Api.get("/health/ready", null);
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"warm-up\""), ready.body());
    }

    @Test
    void theWarmUpSentRequestsAndSaidSo() throws IOException {
        List<String> lines;
        try (Stream<Path> files = Files.list(LOGS)) {
            lines = files.filter(p -> p.getFileName().toString().startsWith("messages"))
                    .flatMap(WarmUpIT::lines).filter(l -> l.contains("warm-up")).toList();
        }
        Matcher m = lines.stream().map(DONE::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no 'warm-up done' line in " + LOGS + ": " + lines));
        assertTrue(Long.parseLong(m.group(1)) > 0, m.group());
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
