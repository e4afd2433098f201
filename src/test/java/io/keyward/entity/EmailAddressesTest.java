package io.keyward.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The two e-mail rules of API.md §3: the message validator (Go net/mail + hostname) and TTS's regex. */
class EmailAddressesTest {
    @Test
    void reasonIsTheValidatorsWording() {
        assertEquals("value must be a valid email address", EmailAddresses.INVALID_REASON);
    }

    @Test
    void plainAddressesPassBothRules() {
        for (String ok : new String[] {"alice@example.com", "a.b+tag@sub.example.co.uk", "x_y-z@a-b.example",
                "ALICE@EXAMPLE.COM", "user@localhost", "o'neil@example.com"}) {
            assertTrue(EmailAddresses.isValid(ok), ok);
            assertTrue(EmailAddresses.matchesTtsRegex(ok), ok);
        }
    }

    @Test
    void malformedAddressesFailRuleOne() {
        for (String bad : new String[] {"", "   ", "alice", "@example.com", "alice@", "alice@@example.com",
                "a..b@example.com", ".alice@example.com", "alice.@example.com", "al ice@example.com",
                "alice@example..com", "alice@example.com.", "alice@exa mple.com", "<alice@example.com"}) {
            assertFalse(EmailAddresses.isValid(bad), bad);
        }
        assertFalse(EmailAddresses.isValid(null));
        assertFalse(EmailAddresses.matchesTtsRegex(null));
    }

    @Test
    void hostLabelsAreLettersDigitsAndInnerDashes() {
        assertTrue(EmailAddresses.isValid("a@my-host.example"));
        assertFalse(EmailAddresses.isValid("a@-host.example"));
        assertFalse(EmailAddresses.isValid("a@host-.example"));
        assertFalse(EmailAddresses.isValid("a@ho_st.example"));
        assertFalse(EmailAddresses.isValid("a@exämple.com"));
        assertTrue(EmailAddresses.isValid("a@" + "h".repeat(63) + ".example"));
        assertFalse(EmailAddresses.isValid("a@" + "h".repeat(64) + ".example"));
    }

    @Test
    void localPartAtMostSixtyFourBytes() {
        assertTrue(EmailAddresses.isValid("l".repeat(64) + "@example.com"));
        assertFalse(EmailAddresses.isValid("l".repeat(65) + "@example.com"));
        // Bytes, not characters: 33 two-byte letters are 66 bytes.
        assertFalse(EmailAddresses.isValid("é".repeat(33) + "@example.com"));
        assertTrue(EmailAddresses.isValid("é".repeat(32) + "@example.com"));
    }

    @Test
    void wholeAddressAtMost254Bytes() {
        String host = "h".repeat(63) + "." + "h".repeat(63) + "." + "h".repeat(63) + "." + "h".repeat(59);
        assertEquals(251, host.length());
        assertTrue(EmailAddresses.isValid("ab@" + host)); // 254 bytes
        assertFalse(EmailAddresses.isValid("abc@" + host)); // 255 bytes
    }

    @Test
    void displayNameAndQuotedFormsPassRuleOneButNotTheRegex() {
        for (String form : new String[] {"Alice <alice@example.com>", "\"Alice Liddell\" <alice@example.com>",
                "<alice@example.com>", "\"alice liddell\"@example.com"}) {
            assertTrue(EmailAddresses.isValid(form), form);
            assertFalse(EmailAddresses.matchesTtsRegex(form), form);
        }
        assertFalse(EmailAddresses.isValid("Alice <alice@-example.com>"));
    }

    @Test
    void regexRejectsWhatItsCharacterClassesExclude() {
        assertFalse(EmailAddresses.matchesTtsRegex("al ice@example.com"));
        assertFalse(EmailAddresses.matchesTtsRegex("alice@example_com"));
        assertFalse(EmailAddresses.matchesTtsRegex("alice@-example.com"));
        assertFalse(EmailAddresses.matchesTtsRegex(" alice@example.com"));
        assertFalse(EmailAddresses.matchesTtsRegex("alice@example.com."));
    }
}
