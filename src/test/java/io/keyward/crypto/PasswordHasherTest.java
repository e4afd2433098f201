package io.keyward.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void verifiesTheThingsStackTestVectors() {
        assertTrue(PasswordHasher.verify("Correct-Horse-1",
                "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M"));
        assertTrue(PasswordHasher.verify("ünïcödé-Pässwörd1",
                "PBKDF2$sha256$20000$q1w2E3r4-T5y6_U7$GjvGufB7_04Nkca7O8P4zcv_W2U5Sqb8Eo_4cyacbnk"));
        assertTrue(PasswordHasher.verify("PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA",
                "PBKDF2$sha256$1000$Zx9_Yw8-Vu7Ts6Rq$fGI0YRdvrUVECy3FPCcKeV-ExJ9imi5EgnWyYlBPbjM"));
        assertFalse(PasswordHasher.verify("Correct-Horse-2",
                "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M"));
    }

    @Test
    void jdkPbkdf2MatchesBouncyCastleOverUtf8Bytes() throws Exception {
        // The JDK's PBKDF2WithHmacSHA256 takes chars; TTS hashes the UTF-8 bytes. Same keys for ASCII,
        // accents, CJK, astral characters, an unpaired surrogate (replaced by '?' on both sides) and the
        // empty password.
        byte[] salt = "q1w2E3r4-T5y6_U7".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (String password : new String[] {"Correct-Horse-1", "ünïcödé-Pässwörd1", "密码パスワード", "\uD83D\uDD11-key", "bad-\uD800-x", ""}) {
            for (String prf : new String[] {"HmacSHA256", "HmacSHA512"}) {
                org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator bc = new org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator(
                        prf.equals("HmacSHA256") ? new org.bouncycastle.crypto.digests.SHA256Digest() : new org.bouncycastle.crypto.digests.SHA512Digest());
                bc.init(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), salt, 1000);
                byte[] expected = ((org.bouncycastle.crypto.params.KeyParameter) bc.generateDerivedParameters(256)).getKey();
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, PasswordHasher.pbkdf2(prf, password, salt, 1000, 32),
                        prf + " " + password);
            }
        }
    }

    @Test
    void tolerantOfBrokenHashes() {
        assertFalse(PasswordHasher.verify("x", ""));
        assertFalse(PasswordHasher.verify("x", "nodollars"));
        assertFalse(PasswordHasher.verify("x", "PBKDF2$md5$1$a$b"));
        assertFalse(PasswordHasher.verify("x", "BCRYPT$a$b$c$d"));
    }

    @Test
    void newHashesAreArgon2idSaltedAndVerify() {
        String a = PasswordHasher.hash("Sup3r-secret");
        String b = PasswordHasher.hash("Sup3r-secret");
        assertTrue(a.startsWith("ARGON2ID$v=19$m=7168,t=5,p=1$"));
        assertNotEquals(a, b);
        assertTrue(PasswordHasher.verify("Sup3r-secret", a));
        assertFalse(PasswordHasher.verify("Sup3r-secreT", a));
        assertFalse(PasswordHasher.needsRehash(a));
        assertTrue(PasswordHasher.needsRehash("PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M"));
    }

    @Test
    void earlierArgon2idParametersStillVerifyAndAreUpgraded() {
        byte[] salt = "sixteen-byte-slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tag = Argon2id.hash("Sup3r-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), salt, 19456, 2, 1, 32);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String earlier = "ARGON2ID$v=19$m=19456,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
        assertTrue(PasswordHasher.verify("Sup3r-secret", earlier));
        assertFalse(PasswordHasher.verify("Sup3r-secreT", earlier));
        assertTrue(PasswordHasher.needsRehash(earlier));
    }
}
