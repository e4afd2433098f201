package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Liberty's JSON logging (issue 15 §3), as the README documents it, on the PostgreSQL pass's second node:
 * every line of its
 * messages.log is one JSON object, and a request's line carries its correlation ID.
 */
@EnabledIfSystemProperty(named = "keyward.node2.logs", matches = ".+")
class JsonLogIT {
    private static final String NODE = System.getProperty("keyward.node2.url");
    private static final Path LOG = Path.of(System.getProperty("keyward.node2.logs"), "messages.log");

    @Test
    void everyLineIsOneJsonObjectAndRequestsCarryTheirCorrelationId() throws Exception {
        String path = "/api/v3/users/json-log-" + UUID.randomUUID().toString().substring(0, 8) + "/api-keys";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(NODE + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        String correlation = parse(r.body()).getJsonArray("details").getJsonObject(0).getString("correlation_id");
        assertFalse(correlation.isBlank());

        JsonObject requestLine = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); requestLine == null && System.nanoTime() < end; ) {
            List<String> lines = Files.readAllLines(LOG);
            assertTrue(lines.size() > 10, "the node has written its start-up");
            for (String line : lines) {
                JsonObject o = parse(line);
                assertTrue(o.containsKey("message") && o.containsKey("ibm_datetime"), line);
                if (o.getString("message").contains("GET " + path) && o.getString("message").contains(correlation)) {
                    requestLine = o;
                }
            }
            if (requestLine == null) {
                Thread.sleep(200);
            }
        }
        assertTrue(requestLine != null, "the request's line, with correlation ID " + correlation + ", is in " + LOG);
        assertEquals("io.keyward.request", requestLine.getString("module"), requestLine.toString());
    }

    private static JsonObject parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }
}
