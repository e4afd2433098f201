package io.keyward.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing. New hashes are Argon2id with 7 MiB, 5 passes, 1 lane, stored as
 * {@code ARGON2ID$v=19$m=7168,t=5,p=1$<salt>$<hash>}: one of OWASP's equally strong configurations (the
 * other is 19 MiB and 2 passes) and Keycloak's default; the smaller memory stays in the CPU caches of
 * a small server, which made it 25% faster here (issue 8). Hashes made with other Argon2id parameters
 * (Keyward's earlier 19 MiB, 2 passes) still verify and are upgraded at the next password login.
 * The Things Stack's {@code PBKDF2$sha256|sha512$<iterations>$<salt>$<key>} hashes still verify so that
 * migrated users keep their passwords; {@link #needsRehash} tells the caller to upgrade them.
 * All comparisons are constant-time.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 7 * 1024;
    static final int ITERATIONS = 5;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String ARGON2_PREFIX = "ARGON2ID$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private PasswordHasher() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return ARGON2_PREFIX + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True if {@code password} matches {@code stored}; false for a mismatch or an unreadable hash. */
    public static boolean verify(String password, String stored) {
        if (password == null || stored == null || stored.isEmpty()) {
            return false;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 5) {
            return false;
        }
        try {
            if (parts[0].equalsIgnoreCase("PBKDF2")) {
                return verifyPbkdf2(password, parts);
            }
            if (parts[0].equals("ARGON2ID")) {
                return verifyArgon2(password, parts);
            }
        } catch (RuntimeException | GeneralSecurityException e) {
            return false;
        }
        return false;
    }

    /** A stored hash that is not of the current algorithm and cost: re-hash after a successful login. */
    public static boolean needsRehash(String stored) {
        return stored == null || !stored.startsWith(ARGON2_PREFIX);
    }

    private static boolean verifyArgon2(String password, String[] parts) {
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[2].split(",")) {
            String[] pair = kv.split("=");
            switch (pair[0]) {
                case "m" -> m = Integer.parseInt(pair[1]);
                case "t" -> t = Integer.parseInt(pair[1]);
                case "p" -> p = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("unknown argon2 parameter");
            }
        }
        if (!parts[1].equals("v=19") || m < 8 || m > 1 << 20 || t < 1 || t > 64 || p < 1 || p > 16) {
            return false;
        }
        byte[] salt = B64D.decode(parts[3]);
        byte[] expected = B64D.decode(parts[4]);
        byte[] actual = argon2(password, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** TTS's format: the salt is used verbatim as ASCII bytes; the key is unpadded base64url. */
    private static boolean verifyPbkdf2(String password, String[] parts) throws GeneralSecurityException {
        String prf = switch (parts[1]) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw new GeneralSecurityException("unknown PBKDF2 algorithm");
        };
        int iterations = Integer.parseInt(parts[2]);
        if (iterations < 1) {
            return false;
        }
        byte[] salt = parts[3].getBytes(StandardCharsets.US_ASCII);
        byte[] expected = B64D.decode(parts[4]);
        byte[] actual = pbkdf2(prf, password, salt, iterations, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * PBKDF2 (RFC 8018) with the JDK's {@code PBKDF2WithHmacSHA256/512}: it feeds the password to the HMAC
     * as UTF-8 bytes, as TTS does, so non-ASCII passwords verify ({@code PasswordHasherTest} holds a TTS
     * vector of one and cross-checks BouncyCastle). The password's chars are cleared after use.
     */
    static byte[] pbkdf2(String hmac, String password, byte[] salt, int iterations, int length) throws GeneralSecurityException {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2With" + hmac).generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        // Argon2id zeroes the password bytes once it has used them.
        return Argon2id.hash(password.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations, parallelism, length);
    }
}
