package io.keyward.it;

import io.keyward.it.Api.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Requests with an arbitrary Authorization header (cluster keys), answered as {@link Reply}. */
final class NotificationHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The test server's cluster keys: {@code keyward.cluster.keys}, comma-separated. */
    static final List<String> CLUSTER_KEYS = List.of(System.getProperty("keyward.cluster.keys",
            "00112233445566778899aabbccddeeff,keyward-test-peer").split(","));

    private NotificationHttp() {
    }

    static Reply send(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Api.BASE + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().allValues("X-Total-Count"),
                    r.headers().allValues("X-Warning"), r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    static Reply createAsPeer(String body) {
        return send("POST", "/api/v3/notifications", body, "ClusterKey " + CLUSTER_KEYS.get(0));
    }
}
