package io.keyward.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywardCommandTest {
    @Test
    void theTargetAndPasswordsDefaultToTheEnvironment() {
        TtsImport.Options o = KeywardCommand.parse(new String[] {"import-tts", "--from", "jdbc:postgresql://tts/ttn_lorawan",
                "--user", "tts", "--dry-run"}, Map.of("TTS_DB_PASSWORD", "s1", "IS_DB_URL", "jdbc:postgresql://kw/keyward",
                "IS_DB_PASSWORD", "s2"));
        assertEquals("jdbc:postgresql://tts/ttn_lorawan", o.sourceUrl());
        assertEquals("tts", o.sourceUser());
        assertEquals("s1", o.sourcePassword());
        assertEquals("jdbc:postgresql://kw/keyward", o.targetUrl());
        assertEquals("keyward", o.targetUser());
        assertEquals("s2", o.targetPassword());
        assertTrue(o.dryRun());
        assertTrue(o.migrate());
        assertEquals(1000, o.batchSize());
        TtsImport.Options explicit = KeywardCommand.parse(new String[] {"import-tts", "--from", "jdbc:postgresql://a/b",
                "--to", "jdbc:postgresql://c/d", "--to-user", "u", "--batch-size", "50", "--no-migrate"}, Map.of());
        assertEquals("u", explicit.targetUser());
        assertEquals(50, explicit.batchSize());
        assertFalse(explicit.migrate());
        assertFalse(explicit.dryRun());
    }

    @Test
    void mistakesAreRefusedWithTheUsage() {
        Map<String, String> env = Map.of("IS_DB_URL", "jdbc:postgresql://kw/keyward");
        assertThrows(IllegalArgumentException.class, () -> KeywardCommand.parse(new String[] {}, env));
        assertThrows(IllegalArgumentException.class, () -> KeywardCommand.parse(new String[] {"import-ttn"}, env));
        assertThrows(IllegalArgumentException.class, () -> KeywardCommand.parse(new String[] {"import-tts"}, env));
        assertThrows(IllegalArgumentException.class,
                () -> KeywardCommand.parse(new String[] {"import-tts", "--from", "jdbc:h2:mem:x"}, env));
        assertThrows(IllegalArgumentException.class,
                () -> KeywardCommand.parse(new String[] {"import-tts", "--from", "jdbc:postgresql://a/b", "--verbose"}, env));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeywardCommand.parse(new String[] {"import-tts", "--from", "jdbc:postgresql://a/b", "--batch-size", "0"}, env));
        assertTrue(e.getMessage().contains("usage: import-tts"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> KeywardCommand.parse(new String[] {"import-tts", "--from", "jdbc:postgresql://a/b"}, Map.of()));
    }
}
