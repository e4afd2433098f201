package io.keyward.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The integration tests begin only when the test server reports ready: the build's start goal returns once the
 * application has started, but readiness stays DOWN a few seconds more while the node warms itself up
 * (ops/WarmUp). Applies when the build names a test server ({@code keyward.base.url}: failsafe only).
 */
public class AwaitReadyServer implements LauncherSessionListener {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String base = System.getProperty("keyward.base.url");
        if (base == null) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException notYet) {
                // Not listening yet: try again.
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // The tests then fail with their own messages; this only says why they might.
        System.err.println("test server at " + base + " did not report ready within " + LIMIT);
    }
}
