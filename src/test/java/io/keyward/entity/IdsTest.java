package io.keyward.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import org.junit.jupiter.api.Test;

/** The identifier rule of API.md §3 (TTS's generated validators: length in runes first, then the regex). */
class IdsTest {
    private static final String USER_REGEX_REASON =
            "value does not match regex pattern \"^[a-z0-9](?:[-]?[a-z0-9]){1,}$\"";
    private static final String ENTITY_REGEX_REASON =
            "value does not match regex pattern \"^[a-z0-9](?:[-]?[a-z0-9]){2,}$\"";

    @Test
    void userIdsNeedTwoToThirtySixCharacters() {
        assertEquals(USER_REGEX_REASON, Ids.violation("a", Ids.USER_ID));
        assertNull(Ids.violation("ab", Ids.USER_ID));
        assertNull(Ids.violation("a".repeat(36), Ids.USER_ID));
        assertEquals("value length must be at most 36 runes", Ids.violation("a".repeat(37), Ids.USER_ID));
    }

    @Test
    void otherEntityIdsNeedThreeCharacters() {
        assertEquals(ENTITY_REGEX_REASON, Ids.violation("ab", Ids.ENTITY_ID));
        assertNull(Ids.violation("abc", Ids.ENTITY_ID));
        // The pattern counts letters and digits, not dashes: "a-b" has three characters but only two alphanumerics.
        assertEquals(ENTITY_REGEX_REASON, Ids.violation("a-b", Ids.ENTITY_ID));
        assertNull(Ids.violation("a-bc", Ids.ENTITY_ID));
        assertEquals("value length must be at most 36 runes", Ids.violation("b".repeat(37), Ids.ENTITY_ID));
    }

    @Test
    void dashesOnlyBetweenLettersAndDigits() {
        assertTrue(Ids.isValid("a-b", Ids.USER_ID));
        assertFalse(Ids.isValid("a-", Ids.USER_ID));
        assertTrue(Ids.isValid("alice-2-bob", Ids.USER_ID));
        assertFalse(Ids.isValid("-ab", Ids.USER_ID));
        assertFalse(Ids.isValid("ab-", Ids.USER_ID));
        assertFalse(Ids.isValid("a--b", Ids.USER_ID));
        assertFalse(Ids.isValid("-", Ids.USER_ID));
    }

    @Test
    void onlyLowerCaseAsciiLettersAndDigits() {
        assertTrue(Ids.isValid("0123456789abcdefghijklmnopqrstuvwxyz", Ids.USER_ID));
        for (String bad : new String[] {"Alice", "ALICE", "al_ice", "al.ice", "al ice", "al@ice", "älice", "alice\n"}) {
            assertEquals(USER_REGEX_REASON, Ids.violation(bad, Ids.USER_ID), bad);
        }
    }

    @Test
    void nullAndEmptyFailThePattern() {
        assertEquals(USER_REGEX_REASON, Ids.violation(null, Ids.USER_ID));
        assertEquals(USER_REGEX_REASON, Ids.violation("", Ids.USER_ID));
    }

    @Test
    void lengthIsCheckedBeforeThePatternAndCountsRunesNotChars() {
        // 37 upper-case letters break both rules: the length is reported, as the generated validators do.
        assertEquals("value length must be at most 36 runes", Ids.violation("A".repeat(37), Ids.USER_ID));
        // 36 code points that are two UTF-16 chars each: within the length, fails only the pattern.
        String emoji = "\uD83D\uDE00".repeat(36);
        assertEquals(USER_REGEX_REASON, Ids.violation(emoji, Ids.USER_ID));
        assertEquals("value length must be at most 36 runes", Ids.violation(emoji + "\uD83D\uDE00", Ids.USER_ID));
    }

    @Test
    void validateThrowsTheValidationChainDownToTheField() {
        KeywardException e = assertThrows(KeywardException.class,
                () -> Ids.validateUserId("user_ids.user_id", "A"));
        assertTrue(e.is(Errors.VALIDATION));
        assertEquals("user_ids", e.attributes().get("field"));
        assertEquals("embedded message failed validation", e.attributes().get("reason"));
        KeywardException cause = e.detailCause();
        assertTrue(cause.is(Errors.VALIDATION));
        assertEquals("user_id", cause.attributes().get("field"));
        assertEquals(USER_REGEX_REASON, cause.attributes().get("reason"));
        assertNull(cause.detailCause());
    }

    @Test
    void validateAcceptsAValidId() {
        Ids.validateUserId("user_ids.user_id", "alice");
        Ids.validate("application_ids.application_id", "app-1", Ids.ENTITY_ID);
        assertThrows(KeywardException.class,
                () -> Ids.validate("application_ids.application_id", "ap", Ids.ENTITY_ID));
    }

    @Test
    void userIdsOfARequestNameBothMessagesAsTtsDoes() {
        KeywardException e = assertThrows(KeywardException.class, () -> Ids.validateUserIds("GetUserAPIKeyRequest", "A"));
        assertEquals("user_ids", e.attributes().get("field"));
        assertEquals("GetUserAPIKeyRequestValidationError", e.attributes().get("name"));
        assertEquals("user_id", e.detailCause().attributes().get("field"));
        assertEquals("UserIdentifiersValidationError", e.detailCause().attributes().get("name"));
        assertEquals(USER_REGEX_REASON, e.detailCause().attributes().get("reason"));
        Ids.validateUserIds("GetUserAPIKeyRequest", "alice");
    }

    @Test
    void aBareUserIdentifiersIsWrappedInTheIdentifiersError() {
        KeywardException e = assertThrows(KeywardException.class, () -> Ids.validateBareUserId("A"));
        assertTrue(e.is(Errors.IDENTIFIERS));
        KeywardException cause = e.detailCause();
        assertTrue(cause.is(Errors.VALIDATION));
        assertEquals("user_id", cause.attributes().get("field"));
        assertEquals("UserIdentifiersValidationError", cause.attributes().get("name"));
        assertNull(cause.detailCause());
        Ids.validateBareUserId("alice");
    }
}
