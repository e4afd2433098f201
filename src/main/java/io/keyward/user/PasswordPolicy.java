package io.keyward.user;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.error.Errors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Password strength rules (API.md §9.2), checked in The Things Stack's order with its counting:
 * lengths in UTF-8 bytes; each code point counted as uppercase (Lu), else digit (Nd), else special if
 * it is neither a letter (L*) nor a number (N*). Used by Create and UpdatePassword, never for
 * temporary passwords. Each failure names the rule ({@code password_strength_*}, ...).
 */
public final class PasswordPolicy {
    private static final Set<String> COMMON = UserValidation.readList("common-passwords.txt");

    /** The configurable requirements ({@code is.user-registration.password-requirements.*}). */
    public record Requirements(int minLength, int maxLength, int minUppercase, int minDigits, int minSpecial,
                               boolean rejectUserId, boolean rejectCommon) {
        public static Requirements from(KeywardConfig c) {
            return new Requirements(c.integer(Option.PASSWORD_MIN_LENGTH), c.integer(Option.PASSWORD_MAX_LENGTH),
                    c.integer(Option.PASSWORD_MIN_UPPERCASE), c.integer(Option.PASSWORD_MIN_DIGITS),
                    c.integer(Option.PASSWORD_MIN_SPECIAL), c.bool(Option.PASSWORD_REJECT_USER_ID),
                    c.bool(Option.PASSWORD_REJECT_COMMON));
        }
    }

    private final Requirements requirements;

    public PasswordPolicy(Requirements requirements) {
        this.requirements = requirements;
    }

    /** Throws the error of the first rule {@code password} breaks for user {@code userId}. */
    public void check(String userId, String password) {
        Requirements r = requirements;
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < r.minLength()) {
            throw Errors.PASSWORD_MIN_LENGTH.error("n", r.minLength());
        }
        if (bytes > r.maxLength()) {
            throw Errors.PASSWORD_MAX_LENGTH.error("n", r.maxLength());
        }
        int uppercase = 0;
        int digits = 0;
        int special = 0;
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.UPPERCASE_LETTER) {
                uppercase++;
            } else if (type == Character.DECIMAL_DIGIT_NUMBER) {
                digits++;
            } else if (!isLetter(type) && !isNumber(type)) {
                special++;
            }
        }
        if (uppercase < r.minUppercase()) {
            throw Errors.PASSWORD_UPPERCASE.error("n", r.minUppercase());
        }
        if (digits < r.minDigits()) {
            throw Errors.PASSWORD_DIGITS.error("n", r.minDigits());
        }
        if (special < r.minSpecial()) {
            throw Errors.PASSWORD_SPECIAL.error("n", r.minSpecial());
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (r.rejectUserId() && userId != null && !userId.isEmpty() && lower.contains(userId.toLowerCase(Locale.ROOT))) {
            throw Errors.PASSWORD_CONTAINS_USER_ID.error();
        }
        if (r.rejectCommon() && COMMON.contains(lower)) {
            throw Errors.COMMON_PASSWORD.error();
        }
    }

    private static boolean isLetter(int type) {
        return type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER
                || type == Character.TITLECASE_LETTER || type == Character.MODIFIER_LETTER
                || type == Character.OTHER_LETTER;
    }

    private static boolean isNumber(int type) {
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
