package io.keyward.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A small HTTP client for the black-box tests: talks to the server the build started, the way any
 * REST client of The Things Stack would.
 */
public final class Api {
    public static final String BASE = System.getProperty("keyward.base.url", "http://127.0.0.1:11885");
    public static final String ADMIN_ID = System.getProperty("keyward.admin.user", "admin");
    public static final String ADMIN_PASSWORD = System.getProperty("keyward.admin.password", "Admin-Passw0rd!");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Api() {
    }

    /** A fresh, valid user ID for this run: tests never depend on a clean database. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static Reply get(String path, String token) {
        return send("GET", path, null, token);
    }

    public static Reply post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    public static Reply put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    public static Reply patch(String path, Object body, String token) {
        return send("PATCH", path, body, token);
    }

    public static Reply delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    public static Reply send(String method, String path, Object body, String token) {
        return sendAuthorized(method, path, body, token == null ? null : "Bearer " + token);
    }

    /** As {@link #send}, with the whole {@code Authorization} value (another scheme, or none if null). */
    public static Reply sendAuthorized(String method, String path, Object body, String authorization) {
        return sendWithHeader(method, path, body, authorization, null, null);
    }

    /** As {@link #sendAuthorized}, with one more request header (none if {@code name} is null). */
    public static Reply sendWithHeader(String method, String path, Object body, String authorization, String name, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (name != null) {
            b.header(name, value);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof byte[] bytes) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
            b.header("Content-Type", "application/json");
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(body.toString());
            b.header("Content-Type", "application/json");
        }
        b.method(method, publisher);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().allValues("X-Total-Count"),
                    r.headers().allValues("X-Warning"), r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    /** A form POST, as OAuth token requests are sent. */
    public static Reply form(String path, String form) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            return new Reply(resp.statusCode(), resp.body(), List.of(), List.of(), null,
                    resp.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        }
    }

    /** A response: status, body and the headers the API contract talks about. */
    public record Reply(int status, String body, List<String> totalCount, List<String> warnings,
                        String wwwAuthenticate, String contentType) {
        public JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                JsonValue v = r.readValue();
                return v.asJsonObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        /** {@code details[0].name} of a TTS error body. */
        public String errorName() {
            JsonObject j = json();
            return j.containsKey("details") ? j.getJsonArray("details").getJsonObject(0).getString("name") : null;
        }

        public String errorNamespace() {
            return json().getJsonArray("details").getJsonObject(0).getString("namespace");
        }

        public int grpcCode() {
            return json().getInt("code");
        }

        public long total() {
            return Long.parseLong(totalCount.get(0));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
