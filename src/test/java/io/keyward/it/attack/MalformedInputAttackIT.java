package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.attack.Attacker.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12 §12: bad input is the client's error (4xx with an error body), never a 500. */
class MalformedInputAttackIT {

    @Test
    void aMalformedTokenFormIsAnOAuthInvalidRequest() {
        for (String form : new String[] {
                "grant_type=password&username=%ZZ&password=x",
                "grant_type=refresh_token&refresh_token=%G0",
                "grant_type=%zz"}) {
            Answer a = Attacker.form(form);
            assertEquals(400, a.status(), form + " -> " + a);
            assertEquals("invalid_request", a.json().getString("error"), form + " -> " + a);
            assertEquals("no-store", a.header("Cache-Control"));
        }
        // The server is fine afterwards.
        Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
    }

    /**
     * A path with {@code %00} or a bad escape is refused by Liberty's web container before any
     * application code runs (it answers 400 with its own body, which the application cannot replace);
     * what holds is that it is a 400, never a 5xx, and the server stays healthy.
     */
    @Test
    void nulBytesAndBadEscapesInPathsAreRefusedWithoutAServerError() {
        String admin = Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        for (String path : new String[] {"/api/v3/users/ab%00c", "/api/v3/users/%ZZ", "/oauth/token%00",
                "/api/v3/users/admin%00/api-keys", "/api/v3/%00"}) {
            Attacker.RawAnswer a = Attacker.raw("GET", path, Map.of("Authorization", "Bearer " + admin, "Accept", "application/json"));
            assertEquals(400, a.status(), path + " -> " + a);
        }
        assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + Api.ADMIN_ID, admin, null).status());
        assertTrue(Attacker.send("GET", "/health/ready", Map.of(), null).status() == 200);
    }
}
