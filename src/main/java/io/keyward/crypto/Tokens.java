package io.keyward.crypto;

import io.keyward.error.Errors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The Things Stack's token formats (API.md §9.3): {@code <PREFIX>.<ID>.<SECRET>}, where the ID is 24
 * and the secret 32 bytes from a CSPRNG, each unpadded upper-case RFC 4648 base32, and the prefix is the
 * base32 of a three-letter type name.
 *
 * <p>Secrets are stored as {@code SHA256$<unpadded base64url of SHA-256(secret)>}. A slow hash buys
 * nothing here: the secret is 256 bits from a CSPRNG, so guessing it from its digest is as hard as
 * guessing it outright, and a fast digest keeps every authenticated request cheap. Hashes imported
 * from TTS ({@code PBKDF2$sha256$1000$...}) still verify through {@link PasswordHasher#verify}.
 * Every comparison is constant-time.
 */
public final class Tokens {
    /** base32("key"): user API keys. */
    public static final String API_KEY = "NNSXS";
    /** base32("acc"): OAuth access tokens. */
    public static final String ACCESS_TOKEN = "MFRWG";
    /** base32("ref"): OAuth refresh tokens (never a bearer credential). */
    public static final String REFRESH_TOKEN = "OJSWM";
    /** base32("ssn"): browser session tokens (TTS console; Keyward has no sessions). */
    public static final String SESSION_TOKEN = "ONZW4";
    /** base32("aut"): OAuth authorization codes (never a bearer credential). */
    public static final String AUTHORIZATION_CODE = "MF2XI";

    public static final int ID_BYTES = 24;
    public static final int SECRET_BYTES = 32;
    static final String SHA256_PREFIX = "SHA256$";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** A token split into its parts. */
    public record Parsed(String prefix, String id, String secret) {
        public String join() {
            return prefix + "." + id + "." + secret;
        }

        @Override
        public String toString() {
            return prefix + "." + id + ".<secret>";
        }
    }

    /** A fresh token of the given type: a new random ID and secret. */
    public static Parsed generate(String prefix) {
        return new Parsed(prefix, Secrets.randomBase32(ID_BYTES), Secrets.randomBase32(SECRET_BYTES));
    }

    /**
     * Splits a bearer value into prefix, ID and secret, as TTS does: exactly three dot-separated parts
     * and a known prefix, else {@code pkg/auth:token} (400).
     */
    public static Parsed parse(String token) {
        if (token == null) {
            throw Errors.INVALID_TOKEN.error();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw Errors.INVALID_TOKEN.error();
        }
        switch (parts[0]) {
            case API_KEY, ACCESS_TOKEN, REFRESH_TOKEN, SESSION_TOKEN, AUTHORIZATION_CODE -> {
                return new Parsed(parts[0], parts[1], parts[2]);
            }
            default -> throw Errors.INVALID_TOKEN.error();
        }
    }

    /** The stored form of a new secret. */
    public static String hashSecret(String secret) {
        return SHA256_PREFIX + B64.encodeToString(Secrets.sha256Bytes(secret));
    }

    /**
     * True if {@code secret} matches the stored hash: Keyward's SHA-256 form, or any form
     * {@link PasswordHasher} reads (TTS's PBKDF2, imported verbatim). False for unreadable hashes.
     */
    public static boolean verifySecret(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        if (stored.startsWith(SHA256_PREFIX)) {
            byte[] expected = stored.substring(SHA256_PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
            byte[] actual = B64.encodeToString(Secrets.sha256Bytes(secret)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, actual);
        }
        return PasswordHasher.verify(secret, stored);
    }
}
