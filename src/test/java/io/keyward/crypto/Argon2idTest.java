package io.keyward.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import io.keyward.crypto.Argon2id.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Argon2idTest {
    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** The engine's tag for an empty secret and no associated data. */
    private static byte[] hash(Engine engine, byte[] password, byte[] salt, int m, int t, int p, int length) {
        return Argon2id.hash(engine, password, salt, new byte[0], new byte[0], m, t, p, length);
    }

    @Test
    void libargon2IsUsedOnThisPlatform() {
        // argon2-jvm bundles libargon2 for linux-x86-64, the platform of these machines and of CI.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64"), "libargon2 is bundled for this platform");
        org.junit.jupiter.api.Assertions.assertEquals(Engine.NATIVE, Argon2id.engine());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rfc9106TestVector(Engine engine) {
        // RFC 9106, section 5.3 (Argon2id): 32 KiB, 3 passes, 4 lanes, secret and associated data.
        byte[] tag = Argon2id.hash(engine, filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32);
        assertArrayEquals(HexFormat.of().parseHex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"), tag);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sameTagsAsBouncyCastleForManyParameters(Engine engine) {
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
            assertArrayEquals(expected, hash(engine, password, salt, s[0], s[1], s[2], s[3]),
                    "m=" + s[0] + " t=" + s[1] + " p=" + s[2] + " T=" + s[3]);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void inputsLibargon2RefusesAreStillHashed(Engine engine) {
        // An empty password and a salt shorter than libargon2's minimum of 8 bytes (possible in imported hashes).
        byte[][][] cases = {{new byte[0], filled(16, 5)}, {filled(12, 6), filled(4, 7)}};
        for (byte[][] c : cases) {
            assertArrayEquals(reference(c[0].clone(), c[1], 64, 2, 1, 32), hash(engine, c[0], c[1], 64, 2, 1, 32));
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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void wipesThePasswordAfterUse(Engine engine) {
        byte[] password = "Wipe-me-Passw0rd".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] salt = filled(16, 7);
        byte[] expected = reference(password.clone(), salt, 7168, 2, 1, 32);
        assertArrayEquals(expected, hash(engine, password, salt, 7168, 2, 1, 32));
        assertArrayEquals(new byte[password.length], password, "password bytes zeroed");
    }

    @Test
    void wipesTheJavaArenasAfterUse() {
        byte[] password = "Wipe-me-Passw0rd".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] salt = filled(16, 7);
        byte[] expected = reference(password.clone(), salt, 7168, 2, 1, 32);
        assertArrayEquals(expected, hash(Engine.JAVA, password, salt, 7168, 2, 1, 32));
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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentHashesAreCorrectAndDeterministic(Engine engine) throws Exception {
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
                    results.add(pool.submit(() -> hash(engine, passwords[n].clone(), salts[n], s[0], s[1], s[2], s[3])));
                }
            }
            for (int k = 0; k < results.size(); k++) {
                assertArrayEquals(expected[k % tasks], results.get(k).get(5, java.util.concurrent.TimeUnit.MINUTES), "task " + k);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rejectsParametersOutsideTheSpecification(Engine engine) {
        assertThrows(IllegalArgumentException.class, () -> hash(engine, new byte[1], new byte[8], 4, 1, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> hash(engine, new byte[1], new byte[8], 64, 0, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> hash(engine, new byte[1], new byte[8], 64, 1, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> hash(engine, new byte[1], new byte[8], 64, 1, 1, 3));
    }
}
