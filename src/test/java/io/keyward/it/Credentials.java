package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.entity.State;
import io.keyward.rights.Right;
import io.keyward.testsupport.SeedServlet;
import io.keyward.testsupport.SeedSql;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Credentials for black-box tests: access tokens from {@code POST /oauth/token}, API keys from the
 * UserAccess API, and (until the user registry's API can do it) users put straight into the database
 * through a test-only seed servlet that the test class deploys with Arquillian:
 *
 * <pre>
 * &#64;ExtendWith(ArquillianExtension.class)
 * class MyIT {
 *     &#64;Deployment(testable = false) static WebArchive seed() { return Credentials.seedDeployment(); }
 *     &#64;ArquillianResource URL seed;
 *     &#64;BeforeEach void seed() { Credentials.useSeed(seed); }
 * }
 * </pre>
 */
public final class Credentials {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static volatile String adminToken;
    private static volatile String seedBase;

    private Credentials() {
    }

    /** An access token of the bootstrap admin (logged in once per test JVM). */
    public static String adminToken() {
        String t = adminToken;
        if (t == null) {
            t = login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
            adminToken = t;
        }
        return t;
    }

    /** Password grant; fails the test unless a token is issued. Returns the access token. */
    public static String login(String userId, String password) {
        Api.Reply r = loginReply(userId, password);
        assertEquals(200, r.status(), "login of " + userId + ": " + r.body());
        return r.json().getString("access_token");
    }

    public static Api.Reply loginReply(String userId, String password) {
        return Api.form("/oauth/token", "grant_type=password&username=" + Api.enc(userId) + "&password=" + Api.enc(password));
    }

    /** A new API key of {@code userId} with {@code rights}, created with {@code bearer}; returns the whole token. */
    public static String createApiKey(String userId, String bearer, Right... rights) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Right r : rights) {
            a.add(r.fullName());
        }
        Api.Reply r = Api.post("/api/v3/users/" + userId + "/api-keys",
                Json.createObjectBuilder().add("name", "test key").add("rights", a).build(), bearer);
        assertEquals(200, r.status(), "create API key for " + userId + ": " + r.body());
        return r.json().getString("key");
    }

    // ---- test-only seeding (deployed per test class) ----

    /** The archive with the seed servlet; deploy it with {@code @Deployment(testable = false)}. */
    public static WebArchive seedDeployment() {
        return ShrinkWrap.create(WebArchive.class, "keyward-seed.war").addClasses(SeedServlet.class, SeedSql.class);
    }

    public static void useSeed(URL deploymentBase) {
        String s = deploymentBase.toString();
        seedBase = s.endsWith("/") ? s : s + "/";
    }

    /** An approved, e-mail-validated, non-admin user with {@code password}. */
    public static void createUser(String userId, String password) {
        createUser(userId, password, State.STATE_APPROVED, false, true);
    }

    /**
     * A user in {@code state}. The password is stored as The Things Stack would have stored it
     * ({@code PBKDF2$sha256$20000$...}), so logging in also upgrades the hash.
     */
    public static void createUser(String userId, String password, State state, boolean admin, boolean emailValidated) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("password_hash", ttsHash(password));
        f.put("state", Integer.toString(state.number()));
        f.put("admin", Boolean.toString(admin));
        f.put("validated", Boolean.toString(emailValidated));
        seed("create", userId, f);
    }

    /** Changes stored fields of a user: state (number), admin, state_description, deleted, validated. */
    public static void updateUser(String userId, Map<String, String> fields) {
        seed("update", userId, fields);
    }

    /** A column of the user's row, e.g. {@code password_hash}. */
    public static String userColumn(String userId, String column) {
        return seed("get", userId, Map.of("column", column));
    }

    private static String seed(String action, String userId, Map<String, String> fields) {
        if (seedBase == null) {
            throw new IllegalStateException("deploy Credentials.seedDeployment() and call Credentials.useSeed(url) first");
        }
        StringJoiner form = new StringJoiner("&");
        form.add("action=" + action).add("user_id=" + Api.enc(userId));
        fields.forEach((k, v) -> form.add(Api.enc(k) + "=" + Api.enc(v)));
        HttpRequest r = HttpRequest.newBuilder(URI.create(seedBase + "seed"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        try {
            HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode(), "seed " + action + " " + userId + ": " + resp.body());
            return resp.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TTS's password hash format (API.md §9.1). */
    public static String ttsHash(String password) {
        byte[] saltBytes = new byte[12];
        new SecureRandom().nextBytes(saltBytes);
        String salt = Base64.getUrlEncoder().withoutPadding().encodeToString(saltBytes);
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] key = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.US_ASCII),
                    20000, 256)).getEncoded();
            return "PBKDF2$sha256$20000$" + salt + "$" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
