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
    void openApiDocumentAndMetricsAreServed() {
        Reply doc = Api.get("/openapi", null);
        assertEquals(200, doc.status());
        assertTrue(doc.body().contains("Keyward"), "title in the document");
        assertEquals(200, Api.get("/openapi/ui/", null).status());
        assertEquals(200, Api.get("/metrics", null).status());
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
    void oversizeBodyIsRejectedWithAnErrorBody() {
        byte[] body = new byte[17 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        Reply r = Api.post("/api/v3/users", body, null);
        assertEquals(413, r.status(), r.body());
        assertEquals("request_too_large", r.errorName());
    }
}
