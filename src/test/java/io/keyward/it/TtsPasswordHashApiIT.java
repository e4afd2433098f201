package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import jakarta.json.Json;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users migrated from a TTS database keep their passwords: the stored hash of API.md §9.1's test
 * vector ({@code Correct-Horse-1}) verifies for UpdatePassword and for a login, and the login replaces
 * it with an Argon2id hash.
 */
@ExtendWith(ArquillianExtension.class)
class TtsPasswordHashApiIT {
    static final String TTS_HASH = "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M";
    static final String TTS_PASSWORD = "Correct-Horse-1";

    @Deployment(testable = false)
    static WebArchive seed() {
        return Credentials.seedDeployment();
    }

    @ArquillianResource
    URL seedUrl;

    @BeforeEach
    void setUp() {
        Credentials.useSeed(seedUrl);
    }

    private static String seedTtsUser() {
        String id = Api.uniqueId("tts");
        Credentials.createUser(id, "unused-Passw0rd");
        Credentials.updateUser(id, Map.of("password_hash", TTS_HASH));
        assertEquals(TTS_HASH, Credentials.userColumn(id, "password_hash"));
        return id;
    }

    @Test
    void loginVerifiesTheTtsHashAndUpgradesIt() {
        String id = seedTtsUser();
        assertNotEquals(200, Credentials.loginReply(id, "Correct-Horse-2").status());
        assertEquals(TTS_HASH, Credentials.userColumn(id, "password_hash"), "a failed login changes nothing");
        String token = Credentials.login(id, TTS_PASSWORD);
        String upgraded = Credentials.userColumn(id, "password_hash");
        assertTrue(upgraded.startsWith("ARGON2ID$"), upgraded);
        assertEquals(200, Api.get("/api/v3/users/" + id + "?field_mask=name", token).status());
        // The password is the same after the upgrade.
        Credentials.login(id, TTS_PASSWORD);
    }

    @Test
    void updatePasswordAcceptsTheTtsHashAsOldPassword() {
        String id = seedTtsUser();
        Reply wrong = Api.put("/api/v3/users/" + id + "/password",
                Json.createObjectBuilder().add("old", "Correct-Horse-2").add("new", "Fresh-Passw0rd").build(), null);
        assertEquals(401, wrong.status(), wrong.body());
        Reply ok = Api.put("/api/v3/users/" + id + "/password",
                Json.createObjectBuilder().add("old", TTS_PASSWORD).add("new", "Fresh-Passw0rd").build(), null);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(Credentials.userColumn(id, "password_hash").startsWith("ARGON2ID$"));
        Credentials.login(id, "Fresh-Passw0rd");
    }
}
