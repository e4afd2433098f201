package io.keyward.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Random tokens as The Things Stack makes them (API.md §9.4: random bytes, unpadded RFC 4648 base32,
 * upper case), their SHA-256 for storage and look-up, and constant-time comparison.
 */
public final class Secrets {

    private Secrets() {
    }

    /** {@code bytes} random bytes as unpadded base32: 32 bytes give 52 characters, 24 give 39. */
    public static String randomBase32(int bytes) {
        return Tokens.random(bytes);
    }

    /** A 52-character token (32 random bytes). */
    public static String token() {
        return randomBase32(32);
    }

    static String base32(byte[] data) {
        return Tokens.base32(data);
    }

    /** SHA-256 of the UTF-8 text, lower-case hex (64 characters). */
    public static String sha256(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two strings in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
