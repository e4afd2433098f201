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

    @Test
    void rejectsParametersOutsideTheSpecification() {
        assertThrows(IllegalArgumentException.class, () -> Argon2id.hash(new byte[1], new byte[8], 4, 1, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> Argon2id.hash(new byte[1], new byte[8], 64, 0, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> Argon2id.hash(new byte[1], new byte[8], 64, 1, 0, 32));
    }
}
