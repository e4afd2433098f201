package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The attack suite's client: raw HTTP with every header visible, over plain HTTP or HTTPS (trusting the
 * test server's self-signed certificate), with nothing of the server's code on its side.
 */
final class Attacker {
    static final String PASSWORD = "Secret-Passw0rd";
    static final String HTTPS_BASE = "https://127.0.0.1:" + System.getProperty("keyward.https.port", "18885");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final HttpClient HTTPS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(trustAll()).build();

    private Attacker() {
    }

    /** An answer: status, headers, body. */
    record Answer(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        /** {@code details[0].name} of a TTS error body. */
        String errorName() {
            return json().getJsonArray("details").getJsonObject(0).getString("name");
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + body;
        }
    }

    static Answer send(String method, String path, Map<String, String> headers, String body) {
        return send(HTTP, Api.BASE, method, path, headers, body);
    }

    static Answer sendTls(String method, String path, Map<String, String> headers, String body) {
        return send(HTTPS, HTTPS_BASE, method, path, headers, body);
    }

    private static Answer send(HttpClient client, String base, String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    /**
     * A request written byte for byte on a socket, for what {@link java.net.URI} refuses to build (bad
     * escapes in the path). Returns the status code and the raw body.
     */
    static RawAnswer raw(String method, String rawPath, Map<String, String> headers) {
        URI base = URI.create(Api.BASE);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            socket.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String text = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            return new RawAnswer(status, split < 0 ? "" : text.substring(split + 4));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + rawPath + " failed: " + e, e);
        }
    }

    record RawAnswer(int status, String body) {
    }

    static Answer bearer(String method, String path, String token, String jsonBody) {
        return send(method, path, jsonBody == null ? Map.of("Authorization", "Bearer " + token)
                : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), jsonBody);
    }

    static Answer form(String form) {
        return send("POST", "/oauth/token", Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    /** Registers a user anonymously, as anyone on the internet can. */
    static String register(String prefix) {
        String id = Api.uniqueId(prefix);
        Answer a = send("POST", "/api/v3/users", Map.of("Content-Type", "application/json"), Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", id))
                        .add("primary_email_address", id + "@example.com")
                        .add("password", PASSWORD))
                .build().toString());
        assertEquals(200, a.status(), a.toString());
        return id;
    }

    /** The access token of a password grant; fails the test unless one is issued. */
    static String login(String userId, String password) {
        Answer a = form("grant_type=password&username=" + Api.enc(userId) + "&password=" + Api.enc(password));
        assertEquals(200, a.status(), a.toString());
        return a.json().getString("access_token");
    }

    private static SSLContext trustAll() {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, all, new SecureRandom());
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
