package io.keyward.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2idTest {
    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void rfc9106TestVector() {
        // RFC 9106, section 5.3 (Argon2id): 32 KiB, 3 passes, 4 lanes, secret and associated data.
        byte[] tag = Argon2id.hash(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32);
        assertArrayEquals(HexFormat.of().parseHex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"), tag);
    }

    @Test
    void sameTagsAsBouncyCastleForManyParameters() {
        Random random = new Random(42);
        int[][] shapes = {{8, 1, 1, 32}, {64, 2, 1, 32}, {100, 1, 3, 16}, {256, 3, 2, 64}, {512, 2, 1, 100},
            {1024, 1, 1, 1024}, {7168, 5, 1, 32}, {72, 4, 3, 65}};
        for (int[] s : shapes) {
            byte[] password = new byte[random.nextInt(40)];
            byte[] salt = new byte[8 + random.nextInt(24)];
            random.nextBytes(password);
            random.nextBytes(salt);
            byte[] expected = new byte[s[3]];
            Argon2BytesGenerator bc = new Argon2BytesGenerator();
            bc.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(s[0]).withIterations(s[1]).withParallelism(s[2]).withSalt(salt).build());
            bc.generateBytes(password, expected);
            assertArrayEquals(expected, Argon2id.hash(password, salt, s[0], s[1], s[2], s[3]),
                    "m=" + s[0] + " t=" + s[1] + " p=" + s[2] + " T=" + s[3]);
        }
    }

    /** BouncyCastle's tag (the reference); computed before ours, which consumes the password bytes. */
    private static byte[] reference(byte[] password, byte[] salt, int m, int t, int p, int length) {
        byte[] expected = new byte[length];
        Argon2BytesGenerator bc = new Argon2BytesGenerator();
        bc.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build());
        bc.generateBytes(password, expected);
        return expected;
    }

    @Test
    void wipesThePasswordAndTheArenasAfterUse() {
        byte[] password = "Wipe-me-Passw0rd".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] salt = filled(16, 7);
        byte[] expected = reference(password.clone(), salt, 7168, 2, 1, 32);
        assertArrayEquals(expected, Argon2id.hash(password, salt, 7168, 2, 1, 32));
        assertArrayEquals(new byte[password.length], password, "password bytes zeroed");
        long[][] pooled = Argon2id.pooledArenas();
        org.junit.jupiter.api.Assertions.assertTrue(pooled.length > 0, "the arena is kept for reuse");
        for (long[] arena : pooled) {
            for (int i = 0; i < arena.length; i++) {
                if (arena[i] != 0) {
                    throw new AssertionError("arena word " + i + " of " + arena.length + " not wiped");
                }
            }
        }
    }

    @Test
    void concurrentHashesAreCorrectAndDeterministic() throws Exception {
        // Many threads, distinct passwords and salts, shapes that share pooled arenas of different sizes:
        // every tag equals BouncyCastle's, computed alone, and the same input gives the same tag twice.
        int tasks = 48;
        byte[][] passwords = new byte[tasks][];
        byte[][] salts = new byte[tasks][];
        int[][] shapes = {{64, 2, 1, 32}, {256, 1, 2, 32}, {1024, 2, 1, 64}, {7168, 1, 1, 32}};
        byte[][] expected = new byte[tasks][];
        Random random = new Random(7);
        for (int i = 0; i < tasks; i++) {
            passwords[i] = ("Passw0rd-" + i + "-" + random.nextInt()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            salts[i] = new byte[16];
            random.nextBytes(salts[i]);
            int[] s = shapes[i % shapes.length];
            expected[i] = reference(passwords[i].clone(), salts[i], s[0], s[1], s[2], s[3]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < tasks; i++) {
                    int n = i;
                    int[] s = shapes[i % shapes.length];
                    results.add(pool.submit(() -> Argon2id.hash(passwords[n].clone(), salts[n], s[0], s[1], s[2], s[3])));
                }
            }
            for (int k = 0; k < results.size(); k++) {
                assertArrayEquals(expected[k % tasks], results.get(k).get(5, java.util.concurrent.TimeUnit.MINUTES), "task " + k);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsParametersOutsideTheSpecification() {
        assertThrows(IllegalArgumentException.class, () -> Argon2id.hash(new byte[1], new byte[8], 4, 1, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> Argon2id.hash(new byte[1], new byte[8], 64, 0, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> Argon2id.hash(new byte[1], new byte[8], 64, 1, 0, 32));
    }
}
