package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.authn.TestJwts;
import io.keyward.it.Api;
import io.keyward.it.attack.Attacker.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §4: an enterprise SSO token acts as a local account only through a stored link of its
 * identity (issuer, subject), made when SSO creates the user just in time or by an admin; a token that
 * merely names an account (the bootstrap admin above all) is refused, and a linked user has no local
 * password to fall back on. The test server trusts the test key pair with JIT provisioning on (pom.xml).
 */
class SsoAttackIT {
    private static final String LINKS = "/api/v3/keyward/users/%s/sso-links";

    private static String admin() {
        return Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
    }

    private static String links(String userId) {
        return LINKS.formatted(userId);
    }

    private static Answer link(String userId, String subject, String token) {
        return Attacker.bearer("POST", links(userId), token,
                Json.createObjectBuilder().add("subject", subject).build().toString());
    }

    private static List<JsonObject> linksOf(String userId, String adminToken) {
        Answer a = Attacker.bearer("GET", links(userId), adminToken, null);
        assertEquals(200, a.status(), a.toString());
        return a.json().containsKey("links") ? a.json().getJsonArray("links").getValuesAs(JsonObject.class) : List.of();
    }

    private static String jwt(String subject, String preferredUsername) {
        return TestJwts.valid(subject, preferredUsername, preferredUsername.toLowerCase() + "@corp.example", List.of());
    }

    private static void assertError(Answer a, int status, String name) {
        assertEquals(status, a.status(), a.toString());
        assertEquals(name, a.errorName(), a.toString());
    }

    @Test
    void aTokenNamingTheAdminIsNotTheAdmin() {
        String admin = admin();
        String adminName = Attacker.bearer("GET", "/api/v3/users/" + Api.ADMIN_ID + "?field_mask=name", admin, null)
                .json().getString("name", "");
        // Tokens of an identity nobody linked, claiming the admin's ID in each claim Keyward reads.
        Instant exp = Instant.now().plusSeconds(300);
        List<String> impostors = List.of(
                jwt("attacker-" + Api.uniqueId("sub"), Api.ADMIN_ID),
                jwt("attacker-" + Api.uniqueId("sub"), Api.ADMIN_ID.toUpperCase()),
                TestJwts.sign("sso/sso-test-private.pem", Map.of("iss", TestJwts.ISSUER, "aud", TestJwts.AUDIENCE,
                        "sub", Api.ADMIN_ID, "email", "x@corp.example"), exp),
                TestJwts.valid("attacker-" + Api.uniqueId("sub"), Api.ADMIN_ID, "x@corp.example", List.of(TestJwts.ADMIN_GROUP)));
        for (String impostor : impostors) {
            assertError(Attacker.bearer("GET", "/api/v3/auth_info", impostor, null), 401, "sso_identity_not_linked");
            assertError(Attacker.bearer("GET", "/api/v3/users/" + Api.ADMIN_ID + "?field_mask=name,primary_email_address",
                    impostor, null), 401, "sso_identity_not_linked");
            assertError(Attacker.bearer("PUT", "/api/v3/users/" + Api.ADMIN_ID, impostor,
                    "{\"user\":{\"name\":\"owned\"},\"field_mask\":{\"paths\":[\"name\"]}}"), 401, "sso_identity_not_linked");
            assertError(Attacker.bearer("POST", "/api/v3/users/" + Api.ADMIN_ID + "/api-keys", impostor,
                    "{\"name\":\"backdoor\",\"rights\":[\"RIGHT_ALL\"]}"), 401, "sso_identity_not_linked");
            // Admin-only methods see an anonymous caller (as in TTS), or surface the error (Keyward's own).
            assertEquals(403, Attacker.bearer("GET", "/api/v3/users", impostor, null).status());
            assertError(link(Api.ADMIN_ID, "attacker", impostor), 401, "sso_identity_not_linked");
        }
        Answer after = Attacker.bearer("GET", "/api/v3/users/" + Api.ADMIN_ID + "?field_mask=name", admin, null);
        assertEquals(adminName, after.json().getString("name", ""), "the admin's account is unchanged");
        assertEquals(List.of(), linksOf(Api.ADMIN_ID, admin), "and no identity got linked to it");
    }

    @Test
    void wrongIssuerAndBadSignatureAreRefused() {
        Instant exp = Instant.now().plusSeconds(300);
        String user = Api.uniqueId("ssoiss");
        for (String name : List.of(user, Api.ADMIN_ID)) {
            Map<String, Object> claims = Map.of("iss", "https://evil.example", "aud", TestJwts.AUDIENCE, "sub", "s-" + name,
                    "preferred_username", name, "email", name + "@corp.example", "groups", List.of(TestJwts.ADMIN_GROUP));
            assertError(Attacker.bearer("GET", "/api/v3/auth_info",
                    TestJwts.sign("sso/sso-test-private.pem", claims, exp), null), 401, "invalid_authorization");
            Map<String, Object> trusted = new java.util.HashMap<>(claims);
            trusted.put("iss", TestJwts.ISSUER);
            assertError(Attacker.bearer("GET", "/api/v3/auth_info",
                    TestJwts.sign("sso/other-private.pem", trusted, exp), null), 401, "invalid_authorization");
        }
        // Neither provisioned anyone.
        assertError(Attacker.bearer("GET", "/api/v3/users/" + user, admin(), null), 404, "user_not_found");
    }

    @Test
    void justInTimeCreationObeysTheIdRulesAndTheBlocklist() {
        String admin = admin();
        // Blocklisted (TTS's built-in list) and invalid IDs: refused, nothing written.
        for (String blocked : List.of("administrator", "root", "api-keys")) {
            Answer a = Attacker.bearer("GET", "/api/v3/auth_info", jwt(Api.uniqueId("sub"), blocked), null);
            assertError(a, 403, "sso_user_refused");
            assertTrue(a.body().contains("forbidden_id"), a.toString());
            assertError(Attacker.bearer("GET", "/api/v3/users/" + blocked, admin, null), 404, "user_not_found");
        }
        for (String invalid : List.of("a", "-leading-dash", "has_underscore", "x".repeat(37), "with space", "dots.in.id")) {
            Answer a = Attacker.bearer("GET", "/api/v3/auth_info", jwt(Api.uniqueId("sub"), invalid), null);
            assertError(a, 403, "sso_user_refused");
            assertTrue(a.body().contains("\"validation\""), a.toString());
            assertEquals(400, Attacker.bearer("GET", "/api/v3/users/" + Api.enc(invalid), admin, null).status());
        }
    }

    @Test
    void aJustInTimeUserIsLinkedAndItsNameCannotBeTakenOver() {
        String admin = admin();
        String user = Api.uniqueId("ssojit");
        String subject = "jit-" + Api.uniqueId("sub");
        Answer first = Attacker.bearer("GET", "/api/v3/auth_info", jwt(subject, user), null);
        assertEquals(200, first.status(), first.toString());
        List<JsonObject> linked = linksOf(user, admin);
        assertEquals(1, linked.size(), linked.toString());
        assertEquals(TestJwts.ISSUER, linked.get(0).getString("issuer"));
        assertEquals(subject, linked.get(0).getString("subject"));
        assertTrue(linked.get(0).containsKey("created_at"));

        // Its next token works; the link, not the name, decides: a renamed identity is still that user.
        Answer next = Attacker.bearer("GET", "/api/v3/users/" + user + "?field_mask=primary_email_address", jwt(subject, user), null);
        assertEquals(200, next.status(), next.toString());
        Answer renamed = Attacker.bearer("GET", "/api/v3/auth_info", jwt(subject, user + "-renamed"), null);
        assertEquals(user, renamed.json().getJsonObject("oauth_access_token").getJsonObject("user_ids").getString("user_id"));
        assertError(Attacker.bearer("GET", "/api/v3/users/" + user + "-renamed", admin, null), 404, "user_not_found");

        // Another identity of the same provider claiming the same name is not that user.
        assertError(Attacker.bearer("GET", "/api/v3/auth_info", jwt("other-" + subject, user), null), 401, "sso_identity_not_linked");
        assertEquals(1, linksOf(user, admin).size());
    }

    @Test
    void concurrentFirstTokensMakeOneUserAndOneLink() throws Exception {
        String user = Api.uniqueId("ssorace");
        String subject = "race-" + Api.uniqueId("sub");
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String token = jwt(subject, user);
                answers.add(pool.submit(() -> {
                    start.await();
                    return Attacker.bearer("GET", "/api/v3/auth_info", token, null);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Answer> f : answers) {
                Answer a = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, a.status(), a.toString());
                assertEquals(user, a.json().getJsonObject("oauth_access_token").getJsonObject("user_ids").getString("user_id"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, linksOf(user, admin()).size());
    }

    @Test
    void aLinkedUserHasNoLocalPassword() {
        String admin = admin();
        String user = Attacker.register("ssolinked");
        String email = user + "@example.com";
        Answer login = Attacker.form("grant_type=password&username=" + user + "&password=" + Api.enc(Attacker.PASSWORD));
        assertEquals(200, login.status(), login.toString());
        String access = login.json().getString("access_token");
        String refresh = login.json().getString("refresh_token");

        String subject = "emp-" + Api.uniqueId("sub");
        Answer linked = link(user, subject, admin);
        assertEquals(200, linked.status(), linked.toString());
        assertEquals(subject, linked.json().getString("subject"));
        assertEquals(TestJwts.ISSUER, linked.json().getString("issuer"), "the configured issuer by default");
        // The identity provider now decides: the SSO token works ...
        Answer sso = Attacker.bearer("GET", "/api/v3/auth_info", jwt(subject, user), null);
        assertEquals(200, sso.status(), sso.toString());
        // ... and what the local password gave is gone, and it gives nothing more.
        assertEquals(401, Attacker.bearer("GET", "/api/v3/auth_info", access, null).status(), "earlier access token revoked");
        Answer refreshed = Attacker.form("grant_type=refresh_token&refresh_token=" + Api.enc(refresh));
        assertEquals(400, refreshed.status(), refreshed.toString());
        Answer password = Attacker.form("grant_type=password&username=" + user + "&password=" + Api.enc(Attacker.PASSWORD));
        assertEquals(400, password.status(), password.toString());
        assertEquals("invalid_grant", password.json().getString("error"));
        assertTrue(password.json().getString("error_description").startsWith("local_password_disabled"), password.toString());
        // A wrong password still answers as any wrong password (the refusal tells a guesser nothing).
        Answer wrong = Attacker.form("grant_type=password&username=" + user + "&password=Wrong-Passw0rd");
        assertEquals("invalid user ID or password", wrong.json().getString("error_description"), wrong.toString());

        Answer change = Attacker.changePasswordFrom("198.51.100.40", user, Attacker.PASSWORD, "Other-Passw0rd-1");
        assertError(change, 400, "local_password_disabled");
        assertError(Attacker.changePasswordFrom("198.51.100.40", user, "Wrong-Passw0rd", "Other-Passw0rd-1"), 401, "old_password");
        // The anonymous temporary password answers as for anyone, but makes nothing and mails nothing.
        Answer temporary = Attacker.send("POST", "/api/v3/users/" + user + "/temporary_password",
                Map.of("Content-Type", "application/json"), "{}");
        assertEquals(200, temporary.status(), temporary.toString());
        assertEquals(0, temporaryPasswordMails(email, admin));
        // Nor can an admin set one.
        assertError(Attacker.bearer("PUT", "/api/v3/users/" + user, admin,
                "{\"user\":{\"temporary_password\":\"Temp-Passw0rd-1\"},\"field_mask\":{\"paths\":[\"temporary_password\"]}}"),
                400, "local_password_disabled");

        // Unlinked by the admin: the SSO token stops working at once, the unchanged local password works again.
        Answer unlinked = Attacker.send("DELETE", links(user) + "?issuer=" + Api.enc(TestJwts.ISSUER) + "&subject=" + Api.enc(subject),
                Map.of("Authorization", "Bearer " + admin), null);
        assertEquals(200, unlinked.status(), unlinked.toString());
        assertError(Attacker.bearer("GET", "/api/v3/auth_info", jwt(subject, user), null), 401, "sso_identity_not_linked");
        Attacker.login(user, Attacker.PASSWORD);
        assertEquals(200, Attacker.send("POST", "/api/v3/users/" + user + "/temporary_password",
                Map.of("Content-Type", "application/json"), "{}").status());
        assertEquals(1, temporaryPasswordMails(email, admin), "unlinked, the same request mails a temporary password");
    }

    private static long temporaryPasswordMails(String recipient, String admin) {
        long n = 0;
        for (int page = 1; page <= 5; page++) {
            Answer a = Attacker.bearer("GET", "/api/v3/keyward/mail/outbox?limit=100&page=" + page, admin, null);
            assertEquals(200, a.status(), a.toString());
            if (!a.json().containsKey("messages")) {
                break;
            }
            n += a.json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .filter(m -> recipient.equals(m.getString("recipient")) && "temporary_password".equals(m.getString("template")))
                    .count();
        }
        return n;
    }

    @Test
    void onlyAdminsManageLinks() {
        String admin = admin();
        String user = Attacker.register("ssolinks");
        String userToken = Attacker.login(user, Attacker.PASSWORD);
        String other = Attacker.register("ssovictim");
        String subject = "self-" + Api.uniqueId("sub");
        for (String target : List.of(user, other, Api.ADMIN_ID)) {
            for (String token : new String[] {userToken, null}) {
                Map<String, String> auth = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
                assertError(Attacker.send("GET", links(target), auth, null), 403, "permission_denied");
                Map<String, String> post = new java.util.HashMap<>(auth);
                post.put("Content-Type", "application/json");
                assertError(Attacker.send("POST", links(target), post, "{\"subject\":\"" + subject + "\"}"), 403, "permission_denied");
                assertError(Attacker.send("DELETE", links(target) + "?subject=" + subject, auth, null), 403, "permission_denied");
            }
        }
        // Nothing was linked: the identity names the user but cannot act as it.
        assertEquals(List.of(), linksOf(user, admin));
        assertError(Attacker.bearer("GET", "/api/v3/auth_info", jwt(subject, user), null), 401, "sso_identity_not_linked");

        // The admin can; one identity links to one account only; bad input and unknown users are plain errors.
        assertEquals(200, link(other, subject, admin).status());
        assertError(link(user, subject, admin), 409, "already_exists");
        assertError(link(user, "", admin), 400, "validation");
        assertError(link(Api.uniqueId("nobody"), "x", admin), 404, "user_not_found");
        assertError(Attacker.send("DELETE", links(user) + "?subject=" + subject, Map.of("Authorization", "Bearer " + admin), null),
                404, "sso_link_not_found");
        Answer asOther = Attacker.bearer("GET", "/api/v3/auth_info", jwt(subject, user), null);
        assertEquals(other, asOther.json().getJsonObject("oauth_access_token").getJsonObject("user_ids").getString("user_id"),
                "the link, not the claimed name, decides");
    }
}
