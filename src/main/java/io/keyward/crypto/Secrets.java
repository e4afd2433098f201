package io.keyward.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one copy of the small cryptographic primitives: random secrets as The Things Stack makes them
 * (API.md §9.4: CSPRNG bytes, unpadded upper-case RFC 4648 base32), SHA-256, and constant-time
 * comparison. Base32 is written here because the JDK has none and it is twenty lines.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Secrets() {
    }

    /** {@code bytes} random bytes as unpadded base32: 32 bytes give 52 characters, 24 give 39. */
    public static String randomBase32(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return base32(b);
    }

    /** A 52-character token (32 random bytes). */
    public static String token() {
        return randomBase32(32);
    }

    /** RFC 4648 base32, upper case, without padding. */
    public static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    public static byte[] sha256Bytes(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the UTF-8 text, lower-case hex (64 characters): the stored form of one-time tokens. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(sha256Bytes(text));
    }

    /** Compares two strings in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
