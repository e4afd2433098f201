package io.keyward.authn;

import io.keyward.error.Errors;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies enterprise SSO JWTs with MicroProfile JWT (SmallRye JWT's parser, configured from the
 * standard {@code mp.jwt.verify.*} keys) and extracts who the token names. Signature, issuer, audience,
 * expiry and not-before are checked by the parser; an unknown or disabled SSO rejects every JWT.
 */
public final class SsoTokens {
    private static final Logger LOG = Logger.getLogger(SsoTokens.class.getName());

    private volatile SsoSettings parserSettings;
    private volatile DefaultJWTParser parser;

    /**
     * What a verified token says about its holder. {@code issuer} and {@code subject} identify it (the
     * key of its link to a local account); {@code userId} is only the name it claims (lower-cased, empty
     * if none, not necessarily a valid ID), used to name a user created just in time.
     */
    public record Identity(String issuer, String subject, String userId, String email, boolean emailVerified,
                           String name, Set<String> groups, Instant expiresAt, String tokenId) {
        public boolean inGroup(String group) {
            return !group.isEmpty() && groups.contains(group);
        }
    }

    /** A JWT compact serialisation starts with the base64url of {@code {"}. */
    public static boolean looksLikeJwt(String token) {
        return token != null && token.startsWith("eyJ");
    }

    /**
     * The identity in {@code token}; with SSO off, {@code pkg/auth:token} (400, as TTS answers any
     * token it does not know); a bad or expired token, {@code invalid_authorization} / {@code token_expired}.
     */
    public Identity verify(String token, SsoSettings settings) {
        if (!settings.enabled()) {
            throw Errors.INVALID_TOKEN.error();
        }
        if (!settings.configured()) {
            LOG.warning("is.sso.enabled is true but mp.jwt.verify.issuer or the public key is not configured");
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        JsonWebToken jwt;
        try {
            jwt = parser(settings).parse(token);
        } catch (ParseException e) {
            if (expired(e)) {
                throw Errors.TOKEN_EXPIRED.error();
            }
            LOG.log(Level.FINE, "JWT rejected", e);
            throw Errors.INVALID_AUTHORIZATION.error();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "JWT verification failed: " + e.getClass().getName());
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isEmpty()) {
            // Without a subject there is nothing stable to link a local account to.
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        String userId = userId(jwt, settings);
        String email = claimString(jwt.getClaim("email"));
        boolean verified = Boolean.parseBoolean(claimString(jwt.getClaim("email_verified")));
        String name = claimString(jwt.getClaim("name"));
        Set<String> groups = groups(jwt, settings.groupsClaim());
        Instant exp = jwt.getExpirationTime() > 0 ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null;
        return new Identity(jwt.getIssuer(), subject, userId, email, verified, name, groups, exp, jwt.getTokenID());
    }

    /**
     * The user ID named by the configured claim, or the first of preferred_username, upn, sub; lower-cased;
     * empty if none. Not checked here: it matters only when a user is created from it, and then the ID
     * rules and the blocklist apply ({@link io.keyward.user.UserCreation}).
     */
    static String userId(JsonWebToken jwt, SsoSettings settings) {
        List<String> claims = settings.userClaim().isEmpty() ? SsoSettings.DEFAULT_USER_CLAIMS : List.of(settings.userClaim());
        for (String claim : claims) {
            String v = claimString(jwt.getClaim(claim));
            if (!v.isEmpty()) {
                return v.toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static Set<String> groups(JsonWebToken jwt, String claim) {
        if ("groups".equals(claim)) {
            Set<String> g = jwt.getGroups();
            return g == null ? Set.of() : Set.copyOf(g);
        }
        Object v = jwt.getClaim(claim);
        if (v instanceof jakarta.json.JsonArray a) {
            return Set.copyOf(a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        }
        if (v instanceof java.util.Collection<?> c) {
            return Set.copyOf(c.stream().map(String::valueOf).toList());
        }
        String s = claimString(v);
        return s.isEmpty() ? Set.of() : Set.of(s);
    }

    private static String claimString(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return String.valueOf(v);
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException j && j.hasExpired()) {
                return true;
            }
        }
        return false;
    }

    private DefaultJWTParser parser(SsoSettings settings) {
        DefaultJWTParser p = parser;
        if (p != null && settings.equals(parserSettings)) {
            return p;
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setIssuedBy(settings.issuer());
        if (!settings.publicKey().isEmpty()) {
            info.setPublicKeyContent(settings.publicKey());
        } else {
            info.setPublicKeyLocation(settings.publicKeyLocation());
        }
        if (!settings.audiences().isEmpty()) {
            info.setExpectedAudience(settings.audiences());
        }
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(settings.algorithm())));
        info.setExpGracePeriodSecs(settings.clockSkewSeconds());
        // Who the user is comes from Keyward's own claim rule, not from MP JWT's principal name.
        info.setRequireNamedPrincipal(false);
        p = new DefaultJWTParser(info);
        parser = p;
        parserSettings = settings;
        return p;
    }
}
