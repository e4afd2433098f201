package io.keyward.crypto;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Right;
import io.keyward.rights.RightsColumn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {
    @Test
    void prefixesAreBase32OfTheTypeNames() {
        assertEquals(Tokens.API_KEY, Secrets.base32("key".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Tokens.ACCESS_TOKEN, Secrets.base32("acc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Tokens.REFRESH_TOKEN, Secrets.base32("ref".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Tokens.SESSION_TOKEN, Secrets.base32("ssn".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Tokens.AUTHORIZATION_CODE, Secrets.base32("aut".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void base32MatchesRfc4648Vectors() {
        // RFC 4648 §10, without padding.
        assertEquals("", Secrets.base32(new byte[0]));
        assertEquals("MY", Secrets.base32("f".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXQ", Secrets.base32("fo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6", Secrets.base32("foo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YQ", Secrets.base32("foob".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTB", Secrets.base32("fooba".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTBOI", Secrets.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void generatedApiKeyHasTheTtsShape() {
        Tokens.Parsed t = Tokens.generate(Tokens.API_KEY);
        String token = t.join();
        assertEquals(98, token.length());
        assertTrue(token.matches("NNSXS\\.[A-Z2-7]{39}\\.[A-Z2-7]{52}"), token);
        assertEquals(t, Tokens.parse(token));
        assertNotEquals(t.id(), Tokens.generate(Tokens.API_KEY).id());
        assertFalse(t.toString().contains(t.secret()), "toString never shows the secret");
    }

    @Test
    void malformedTokensAreInvalidArgument() {
        for (String bad : new String[] {"", "abc", "NNSXS.A", "NNSXS.A.B.C", "XXXXX.A.B", "eyJhbGciOi.eyJzdWIi.sig"}) {
            KeywardException e = assertThrows(KeywardException.class, () -> Tokens.parse(bad), bad);
            assertTrue(e.is(Errors.INVALID_TOKEN), bad);
        }
    }

    @Test
    void secretsAreStoredAsSha256AndVerified() {
        String secret = Secrets.randomBase32(Tokens.SECRET_BYTES);
        String stored = Tokens.hashSecret(secret);
        assertTrue(stored.startsWith("SHA256$"), stored);
        assertFalse(stored.contains(secret));
        assertTrue(Tokens.verifySecret(secret, stored));
        assertFalse(Tokens.verifySecret(secret + "A", stored));
        assertFalse(Tokens.verifySecret(secret, "SHA256$"));
        assertFalse(Tokens.verifySecret(secret, "garbage"));
    }

    @Test
    void importedTtsApiKeyHashesVerify() {
        String stored = "PBKDF2$sha256$1000$Zx9_Yw8-Vu7Ts6Rq$fGI0YRdvrUVECy3FPCcKeV-ExJ9imi5EgnWyYlBPbjM";
        assertTrue(Tokens.verifySecret("PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA", stored));
        assertFalse(Tokens.verifySecret("PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQB", stored));
    }

    @Test
    void rightsColumnKeepsTheOrderGiven() {
        var rights = java.util.List.of(Right.RIGHT_USER_SETTINGS_BASIC, Right.RIGHT_USER_APPLICATIONS_LIST, Right.RIGHT_USER_INFO);
        assertEquals("2,6,1", RightsColumn.format(rights));
        assertEquals(rights, RightsColumn.parse("2,6,1"));
        assertTrue(RightsColumn.parse("").isEmpty());
    }
}
