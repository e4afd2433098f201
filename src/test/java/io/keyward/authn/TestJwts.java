package io.keyward.authn;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs JWTs for tests with the test key pair in src/test/resources/sso (the test server trusts its
 * public half; {@code other-private.pem} is a key nobody trusts).
 */
public final class TestJwts {
    public static final String ISSUER = "https://idp.keyward.test";
    public static final String AUDIENCE = "keyward";
    public static final String ADMIN_GROUP = "keyward-admins";

    private TestJwts() {
    }

    public static String publicKeyPem() {
        return resource("sso/sso-test-public.pem");
    }

    /**
     * A JWT from the trusted issuer for {@code preferredUsername}, valid for 10 minutes. Its subject is
     * {@link #subjectOf} the name: every token for one name is one identity, as a real provider's are.
     */
    public static String valid(String preferredUsername, String email, List<String> groups) {
        return valid(subjectOf(preferredUsername), preferredUsername, email, groups);
    }

    /** A JWT from the trusted issuer for the identity {@code subject}, claiming {@code preferredUsername}. */
    public static String valid(String subject, String preferredUsername, String email, List<String> groups) {
        return sign("sso/sso-test-private.pem", Map.of("iss", ISSUER, "aud", AUDIENCE,
                "preferred_username", preferredUsername, "sub", subject,
                "email", email, "email_verified", true, "groups", groups), Instant.now().plusSeconds(600));
    }

    /** The subject {@link #valid(String, String, List)} gives the tokens of a name. */
    public static String subjectOf(String preferredUsername) {
        return "idp-subject-" + preferredUsername.toLowerCase(java.util.Locale.ROOT);
    }

    /** A JWT with the given claims, signed with a key from the test resources, expiring at {@code exp}. */
    public static String sign(String privateKeyResource, Map<String, Object> claims, Instant exp) {
        try {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(exp));
            claims.forEach(b::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), b.build());
            jwt.sign(new RSASSASigner(privateKey(privateKeyResource)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String resource) throws Exception {
        String pem = resource(resource).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String resource(String name) {
        try (InputStream in = TestJwts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
