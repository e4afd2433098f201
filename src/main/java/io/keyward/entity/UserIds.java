package io.keyward.entity;

import io.keyward.error.Validation;
import java.util.regex.Pattern;

/** The validation rule of {@code UserIdentifiers.user_id}: at most 36 runes, TTS's ID pattern. */
public final class UserIds {
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9](?:[-]?[a-z0-9]){1,}$");

    private UserIds() {
    }

    /**
     * Validates a user ID found at {@code dottedField} (e.g. {@code user_ids.user_id}); throws the
     * {@code pkg/errors:validation} chain TTS's validators produce.
     */
    public static void validate(String dottedField, String userId) {
        String id = userId == null ? "" : userId;
        if (id.codePointCount(0, id.length()) > 36) {
            throw Validation.invalid(dottedField, "value length must be at most 36 runes");
        }
        if (!PATTERN.matcher(id).matches()) {
            throw Validation.invalid(dottedField, "value does not match regex pattern \"" + PATTERN.pattern() + "\"");
        }
    }
}
