package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyward.error.ErrorDefinition;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import org.junit.jupiter.api.Test;

/** TESTS.md §1 items 1–11: requirements 8/1000/1 upper/1 digit/1 special, reject user ID "username", reject common. */
class PasswordPolicyTest {
    private final PasswordPolicy strict = new PasswordPolicy(new PasswordPolicy.Requirements(8, 1000, 1, 1, 1, true, true));

    private void rejected(String password, ErrorDefinition expected) {
        KeywardException e = assertThrows(KeywardException.class, () -> strict.check("username", password), password);
        assertEquals(expected, e.definition(), password);
    }

    @Test
    void lengthIsCountedInUtf8Bytes() {
        // 1: four characters, five bytes
        rejected("āA0$", Errors.PASSWORD_MIN_LENGTH);
        KeywardException e = assertThrows(KeywardException.class, () -> strict.check("username", "āA0$"));
        assertEquals(8, e.attributes().get("n"));
        assertEquals("error:pkg/identityserver:password_strength_min_length (need at least `8` characters)", e.getMessage());
    }

    @Test
    void tooLong() {
        // 2: 1030 characters of mixed letters, digits and symbols, 1060 bytes
        StringBuilder b = new StringBuilder();
        while (b.length() < 1000) {
            b.append("aB3$xY9!");
        }
        b.setLength(1000);
        b.append("ā".repeat(30));
        assertEquals(1030, b.length());
        rejected(b.toString(), Errors.PASSWORD_MAX_LENGTH);
    }

    @Test
    void characterClasses() {
        rejected("āaabbb➉23", Errors.PASSWORD_UPPERCASE);  // 3: ➉ is neither digit nor special
        rejected("āaabbb➉AA", Errors.PASSWORD_DIGITS);     // 4
        rejected("āaabbb➉@#", Errors.PASSWORD_UPPERCASE);  // 5
        rejected("āaa123➉@#", Errors.PASSWORD_UPPERCASE);  // 6
        rejected("āaaAAA➉@#", Errors.PASSWORD_DIGITS);     // 7
        rejected("āaaAAA➉23", Errors.PASSWORD_SPECIAL);    // 8
    }

    @Test
    void userIdAndCommonPasswords() {
        PasswordPolicy noClasses = new PasswordPolicy(new PasswordPolicy.Requirements(8, 1000, 0, 0, 0, true, true));
        KeywardException e = assertThrows(KeywardException.class, () -> noClasses.check("username", "myusername"));
        assertEquals(Errors.PASSWORD_CONTAINS_USER_ID, e.definition());   // 9
        e = assertThrows(KeywardException.class, () -> noClasses.check("username", "MyUserName"));
        assertEquals(Errors.PASSWORD_CONTAINS_USER_ID, e.definition(), "case-insensitive");
        e = assertThrows(KeywardException.class, () -> noClasses.check("username", "password1"));
        assertEquals(Errors.COMMON_PASSWORD, e.definition());             // 10
        e = assertThrows(KeywardException.class, () -> noClasses.check("username", "PassWord1"));
        assertEquals(Errors.COMMON_PASSWORD, e.definition(), "compared lower-cased");
        // In the strict configuration the classes are checked first.
        rejected("myusername", Errors.PASSWORD_UPPERCASE);
    }

    @Test
    void accepted() {
        // 11
        assertDoesNotThrow(() -> strict.check("username", "āaaAAA123!@#"));
        assertDoesNotThrow(() -> strict.check("username", "       1A"));
        assertDoesNotThrow(() -> strict.check("username", "āaa\tAAA123 "));
        assertDoesNotThrow(() -> strict.check("username", "āaaAAA123 "));
    }

    @Test
    void defaultsAndSwitchedOffRules() {
        PasswordPolicy defaults = new PasswordPolicy(new PasswordPolicy.Requirements(8, 1000, 1, 1, 0, true, false));
        assertDoesNotThrow(() -> defaults.check("alice", "Password1"), "common passwords allowed by default");
        PasswordPolicy lenient = new PasswordPolicy(new PasswordPolicy.Requirements(10, 1000, 0, 0, 0, false, false));
        assertDoesNotThrow(() -> lenient.check("username", "myusername"));
        assertEquals(Errors.PASSWORD_MIN_LENGTH,
                assertThrows(KeywardException.class, () -> lenient.check("u", "Weak")).definition());
    }

    @Test
    void titlecaseAndOtherUppercaseAreNotUppercase() {
        PasswordPolicy upper = new PasswordPolicy(new PasswordPolicy.Requirements(1, 1000, 1, 0, 0, false, false));
        // U+01C5 (Dž) is Lt, U+24B6 (Ⓐ) is So: neither is Lu, as in Go's unicode.IsUpper.
        assertThrows(KeywardException.class, () -> upper.check("u", "ǅ"));
        assertThrows(KeywardException.class, () -> upper.check("u", "Ⓐ"));
        PasswordPolicy special = new PasswordPolicy(new PasswordPolicy.Requirements(1, 1000, 0, 0, 1, false, false));
        assertDoesNotThrow(() -> special.check("u", "Ⓐ"), "a symbol counts as special");
        assertThrows(KeywardException.class, () -> special.check("u", "Ⅻ"), "Nl is a number, not special");
    }
}
