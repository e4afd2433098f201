package io.keyward.user;

import java.security.SecureRandom;

/** Random secrets in The Things Stack's format: unpadded RFC 4648 base32 of random bytes. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Secrets() {
    }

    /** 32 random bytes → 52 characters, as temporary passwords are (API.md §9.4). */
    static String randomBase32(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return base32(b);
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte d : data) {
            buffer = (buffer << 8) | (d & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
