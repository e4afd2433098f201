package io.keyward.authn;

import io.keyward.config.KeywardConfig.Option;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Enterprise SSO settings: Keyward's {@code is.sso.*} options plus MicroProfile JWT's standard
 * {@code mp.jwt.verify.*} keys (issuer, public key or its location — a PEM, JWK or JWKS, also over
 * HTTPS — audiences, algorithm, clock skew).
 */
public record SsoSettings(boolean enabled, String issuer, Set<String> audiences, String publicKey,
                          String publicKeyLocation, String algorithm, int clockSkewSeconds, String userClaim,
                          String groupsClaim, String adminGroup, boolean jitProvisioning) {

    /** The claims tried in turn when {@code is.sso.user-claim} is empty. */
    public static final List<String> DEFAULT_USER_CLAIMS = List.of("preferred_username", "upn", "sub");

    /** Reads the settings from a config lookup (key → value, or null when unset). */
    public static SsoSettings read(Function<String, String> config) {
        Set<String> audiences = new LinkedHashSet<>();
        for (String a : value(config, "mp.jwt.verify.audiences", "").split(",")) {
            if (!a.isBlank()) {
                audiences.add(a.trim());
            }
        }
        return new SsoSettings(
                Boolean.parseBoolean(value(config, Option.SSO_ENABLED).trim()),
                value(config, "mp.jwt.verify.issuer", "").trim(),
                Set.copyOf(audiences),
                value(config, "mp.jwt.verify.publickey", "").trim(),
                value(config, "mp.jwt.verify.publickey.location", "").trim(),
                value(config, "mp.jwt.verify.publickey.algorithm", "RS256").trim(),
                Integer.parseInt(value(config, "mp.jwt.verify.clock.skew", "60").trim()),
                value(config, Option.SSO_USER_CLAIM).trim(),
                value(config, Option.SSO_GROUPS_CLAIM).trim(),
                value(config, Option.SSO_ADMIN_GROUP).trim(),
                Boolean.parseBoolean(value(config, Option.SSO_JIT_PROVISIONING).trim()));
    }

    private static String value(Function<String, String> config, Option option) {
        return value(config, option.key, option.defaultValue);
    }

    private static String value(Function<String, String> config, String key, String defaultValue) {
        String v = config.apply(key);
        return v == null ? defaultValue : v;
    }

    /** Usable for verification: an issuer and a key are configured. */
    public boolean configured() {
        return !issuer.isEmpty() && !(publicKey.isEmpty() && publicKeyLocation.isEmpty());
    }
}
