package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import jakarta.json.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Black-box checks of the base every capability stands on: health, docs, and errors as TTS bodies. */
class FoundationApiIT {

    @Test
    void readyAndLive() {
        Reply ready = Api.get("/health/ready", null);
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        assertEquals(200, Api.get("/health/live", null).status());
    }

    @Test
    void openApiDocumentIsServed() {
        Reply doc = Api.get("/openapi", null);
        assertEquals(200, doc.status());
        assertTrue(doc.body().contains("Keyward"), "title in the document");
        assertEquals(200, Api.get("/openapi/ui/", null).status());
        // /metrics needs the scraper's credential over HTTPS: MetricsAttackIT.
    }

    @Test
    void unknownApiRouteIsAGrpcNotFound() {
        Reply r = Api.get("/api/v3/no-such-thing/at-all", null);
        assertEquals(404, r.status());
        JsonObject j = r.json();
        assertEquals(5, j.getInt("code"));
        assertEquals("Not Found", j.getString("message"));
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    }

    @Test
    void unknownPathOutsideTheApiIsJsonToo() {
        Reply r = Api.get("/definitely/not/here", null);
        assertEquals(404, r.status());
        assertEquals(5, r.json().getInt("code"));
        assertFalse(r.body().contains("<html"), r.body());
    }

    @Test
    void httpsPortServesTheSameServer() throws Exception {
        // The generated certificate is self-signed: trust it for this check only.
        javax.net.ssl.TrustManager[] trustAll = {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }};
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, trustAll, new java.security.SecureRandom());
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
        String port = System.getProperty("keyward.https.port", "18885");
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://127.0.0.1:" + port + "/health/live")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void oversizeBodyIsRejectedWithAnErrorBody() {
        byte[] body = new byte[17 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        Reply r = Api.post("/api/v3/users", body, null);
        assertEquals(413, r.status(), r.body());
        assertEquals("request_too_large", r.errorName());
        String correlation = r.json().getJsonArray("details").getJsonObject(0).getString("correlation_id");
        assertTrue(correlation.matches("[0-9a-f]{32}"), correlation);
    }
}
