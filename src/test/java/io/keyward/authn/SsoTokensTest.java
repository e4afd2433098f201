package io.keyward.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SSO JWT verification with MicroProfile JWT (SmallRye), against tokens signed by a test key pair. */
class SsoTokensTest {
    private final SsoTokens sso = new SsoTokens();

    private static SsoSettings settings(Map<String, String> overrides) {
        Map<String, String> c = new HashMap<>(Map.of(
                "is.sso.enabled", "true",
                "mp.jwt.verify.issuer", TestJwts.ISSUER,
                "mp.jwt.verify.audiences", TestJwts.AUDIENCE,
                "mp.jwt.verify.publickey", TestJwts.publicKeyPem(),
                "is.sso.admin-group", TestJwts.ADMIN_GROUP));
        c.putAll(overrides);
        return SsoSettings.read(c::get);
    }

    private static Map<String, Object> claims(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("iss", TestJwts.ISSUER, "aud", TestJwts.AUDIENCE));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private KeywardException rejected(String token, SsoSettings s) {
        return assertThrows(KeywardException.class, () -> sso.verify(token, s));
    }

    @Test
    void validTokenNamesTheUser() {
        String token = TestJwts.valid("Alice", "alice@corp.example", List.of("staff", TestJwts.ADMIN_GROUP));
        assertTrue(SsoTokens.looksLikeJwt(token));
        SsoTokens.Identity id = sso.verify(token, settings(Map.of()));
        assertEquals("alice", id.userId(), "user IDs are lower-cased");
        assertEquals("alice@corp.example", id.email());
        assertTrue(id.emailVerified());
        assertEquals(Set.of("staff", TestJwts.ADMIN_GROUP), id.groups());
        assertTrue(id.inGroup(TestJwts.ADMIN_GROUP));
        assertTrue(id.expiresAt().isAfter(Instant.now()));
    }

    @Test
    void userClaimFallsBackFromPreferredUsernameToUpnToSub() {
        Instant exp = Instant.now().plusSeconds(300);
        String upn = TestJwts.sign("sso/sso-test-private.pem", claims("upn", "bob", "sub", "x-1"), exp);
        assertEquals("bob", sso.verify(upn, settings(Map.of())).userId());
        String sub = TestJwts.sign("sso/sso-test-private.pem", claims("sub", "carol"), exp);
        assertEquals("carol", sso.verify(sub, settings(Map.of())).userId());
        String both = TestJwts.sign("sso/sso-test-private.pem", claims("preferred_username", "dave", "sub", "dave-sub"), exp);
        assertEquals("dave-sub", sso.verify(both, settings(Map.of("is.sso.user-claim", "sub"))).userId(),
                "a configured claim wins");
        // The claimed name is not checked here: it matters only when a user is created from it (then the
        // ID rules refuse it, see SsoAttackIT).
        String badId = TestJwts.sign("sso/sso-test-private.pem", claims("preferred_username", "Not A Valid ID!", "sub", "s-1"), exp);
        assertEquals("not a valid id!", sso.verify(badId, settings(Map.of())).userId());
    }

    @Test
    void theIdentityIsTheIssuerAndSubject() {
        Instant exp = Instant.now().plusSeconds(300);
        SsoTokens.Identity id = sso.verify(TestJwts.valid("subject-17", "Alice", "alice@corp.example", List.of()),
                settings(Map.of()));
        assertEquals(TestJwts.ISSUER, id.issuer());
        assertEquals("subject-17", id.subject(), "the subject is kept as sent (case included)");
        // A token without a subject names no identity that could be linked to an account.
        String noSubject = TestJwts.sign("sso/sso-test-private.pem", claims("preferred_username", "alice"), exp);
        assertTrue(rejected(noSubject, settings(Map.of())).is(Errors.INVALID_AUTHORIZATION));
    }

    @Test
    void wrongIssuerAudienceSignatureOrExpiryAreRejected() {
        Instant exp = Instant.now().plusSeconds(300);
        SsoSettings s = settings(Map.of());
        String wrongIssuer = TestJwts.sign("sso/sso-test-private.pem",
                Map.of("iss", "https://evil.example", "aud", TestJwts.AUDIENCE, "preferred_username", "eve"), exp);
        assertTrue(rejected(wrongIssuer, s).is(Errors.INVALID_AUTHORIZATION));
        String wrongAudience = TestJwts.sign("sso/sso-test-private.pem",
                Map.of("iss", TestJwts.ISSUER, "aud", "someone-else", "preferred_username", "eve"), exp);
        assertTrue(rejected(wrongAudience, s).is(Errors.INVALID_AUTHORIZATION));
        String badSignature = TestJwts.sign("sso/other-private.pem", claims("preferred_username", "eve"), exp);
        assertTrue(rejected(badSignature, s).is(Errors.INVALID_AUTHORIZATION));
        String expired = TestJwts.sign("sso/sso-test-private.pem", claims("preferred_username", "eve"),
                Instant.now().minusSeconds(600));
        assertTrue(rejected(expired, s).is(Errors.TOKEN_EXPIRED));
        String tampered = TestJwts.valid("eve", "eve@corp.example", List.of());
        String[] parts = tampered.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"https://idp.keyward.test\",\"aud\":\"keyward\",\"preferred_username\":\"admin\",\"exp\":99999999999}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertTrue(rejected(forged, s).is(Errors.INVALID_AUTHORIZATION));
    }

    @Test
    void ssoOffOrUnconfiguredRejectsEveryJwt() {
        String token = TestJwts.valid("alice", "alice@corp.example", List.of());
        KeywardException off = rejected(token, settings(Map.of("is.sso.enabled", "false")));
        assertTrue(off.is(Errors.INVALID_TOKEN), "with SSO off a JWT is just an unknown token");
        assertFalse(SsoSettings.read(k -> null).enabled(), "SSO is off by default");
        KeywardException unconfigured = rejected(token, settings(Map.of("mp.jwt.verify.issuer", "")));
        assertTrue(unconfigured.is(Errors.INVALID_AUTHORIZATION));
    }
}
