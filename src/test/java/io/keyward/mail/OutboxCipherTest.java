package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.config.KeywardConfig.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's encryption at rest: AES-GCM round trip, and nothing opens without the right key. */
class OutboxCipherTest {
    static final String KEY_A = "pgJKs7cV09FxV0at0wDv5g09Nps5Jyz2OjJuVZ40gck=";
    static final String KEY_B = Base64.getEncoder().encodeToString(new byte[32]);

    static OutboxCipher cipher(Map<Option, String> values) {
        OutboxCipher c = new OutboxCipher();
        c.config = MailTemplatesTest.config(values);
        return c;
    }

    @Test
    void sealsAndOpensWithoutTheSecretInTheStoredForm() throws Exception {
        OutboxCipher c = cipher(Map.of(Option.EMAIL_OUTBOX_KEY, KEY_A));
        String secret = "TEMPPASSWORD-S3cret";
        OutboxCipher.Sealed s = c.seal("to@example.com", "temporary_password", "text " + secret + " ü", "<p>" + secret + "</p>");
        assertFalse(s.data().contains(secret));
        assertFalse(new String(Base64.getDecoder().decode(s.data()), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret));
        OutboxCipher.Bodies b = c.open(s.keyId(), s.data(), "to@example.com", "temporary_password");
        assertEquals("text " + secret + " ü", b.text());
        assertEquals("<p>" + secret + "</p>", b.html());
        // A fresh 12-byte nonce per message: the same body never seals to the same bytes.
        OutboxCipher.Sealed again = c.seal("to@example.com", "temporary_password", "text " + secret + " ü", "<p>" + secret + "</p>");
        assertNotEquals(s.data(), again.data());
        assertEquals(12 + 16 + 4 + ("text " + secret + " ü").getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + ("<p>" + secret + "</p>").length(), Base64.getDecoder().decode(s.data()).length);
    }

    @Test
    void aWrongKeyCannotDecrypt() {
        OutboxCipher.Key a = OutboxCipher.parse(KEY_A).get(0);
        OutboxCipher.Key b = OutboxCipher.parse(KEY_B).get(0);
        assertNotEquals(a.id(), b.id());
        byte[] aad = OutboxCipher.aad("to@example.com", "invitation");
        String sealed = OutboxCipher.seal(a.key(), aad, "token ABC", "<b>ABC</b>");
        assertThrows(AEADBadTagException.class, () -> OutboxCipher.open(b.key(), sealed, aad));
        // Nor does a node that lacks the key that sealed it.
        OutboxCipher onlyB = cipher(Map.of(Option.EMAIL_OUTBOX_KEY, KEY_B));
        assertThrows(GeneralSecurityException.class, () -> onlyB.open(a.id(), sealed, "to@example.com", "invitation"));
    }

    @Test
    void aSealedBodyMovedToAnotherRecipientOrAlteredDoesNotOpen() {
        OutboxCipher.Key a = OutboxCipher.parse(KEY_A).get(0);
        String sealed = OutboxCipher.seal(a.key(), OutboxCipher.aad("victim@example.com", "invitation"), "token ABC", "");
        assertThrows(AEADBadTagException.class,
                () -> OutboxCipher.open(a.key(), sealed, OutboxCipher.aad("attacker@example.com", "invitation")));
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[20] ^= 1;
        assertThrows(AEADBadTagException.class, () -> OutboxCipher.open(a.key(),
                Base64.getEncoder().encodeToString(raw), OutboxCipher.aad("victim@example.com", "invitation")));
        assertThrows(GeneralSecurityException.class, () -> OutboxCipher.open(a.key(), "%%%", new byte[0]));
    }

    @Test
    void rotationTheFirstKeySealsEveryKeyOpens() throws Exception {
        OutboxCipher old = cipher(Map.of(Option.EMAIL_OUTBOX_KEY, KEY_A));
        OutboxCipher.Sealed s = old.seal("to@example.com", "validate", "t", "h");
        OutboxCipher rotated = cipher(Map.of(Option.EMAIL_OUTBOX_KEY, KEY_B + ", " + KEY_A));
        assertEquals(List.of(OutboxCipher.parse(KEY_B).get(0).id(), s.keyId()), rotated.keyIds());
        assertEquals("t", rotated.open(s.keyId(), s.data(), "to@example.com", "validate").text());
        assertEquals(rotated.keyIds().get(0), rotated.seal("to@example.com", "validate", "t", "h").keyId());
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OutboxCipher.parse("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> OutboxCipher.parse(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> OutboxCipher.parse(" , "));
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheKeyFileReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("security/outbox.key");
        OutboxCipher first = cipher(Map.of(Option.EMAIL_OUTBOX_KEY_FILE, file.toString()));
        OutboxCipher.Sealed s = first.seal("to@example.com", "invitation", "token XYZ", "");
        assertTrue(Files.exists(file));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).trim()).length);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(1, Files.list(file.getParent()).count(), "no temporary file left behind");
        // A restart (a new instance) reads the same key back.
        OutboxCipher restarted = cipher(Map.of(Option.EMAIL_OUTBOX_KEY_FILE, file.toString()));
        assertEquals(List.of(s.keyId()), restarted.keyIds());
        assertEquals("token XYZ", restarted.open(s.keyId(), s.data(), "to@example.com", "invitation").text());
    }
}
