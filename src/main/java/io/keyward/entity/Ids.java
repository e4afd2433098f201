package io.keyward.entity;

import io.keyward.error.Validation;
import io.keyward.error.Validation.Step;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one copy of The Things Stack's identifier rule: at most 36 runes and a lower-case pattern of
 * letters and digits with single dashes between them. User and OAuth client IDs need at least two
 * characters; the IDs of other entities (applications, gateways, organizations, devices) and attribute
 * keys need at least three. Length is checked before the pattern, as the generated validators do.
 */
public final class Ids {
    public static final int MAX_RUNES = 36;
    /** User IDs and OAuth client IDs. */
    public static final Pattern USER_ID = Pattern.compile("^[a-z0-9](?:[-]?[a-z0-9]){1,}$");
    /** The IDs of other entities, and attribute keys. */
    public static final Pattern ENTITY_ID = Pattern.compile("^[a-z0-9](?:[-]?[a-z0-9]){2,}$");

    private Ids() {
    }

    /** The validator's reason why {@code id} breaks {@code rule}, or {@code null} when it holds. */
    public static String violation(String id, Pattern rule) {
        String value = id == null ? "" : id;
        if (value.codePointCount(0, value.length()) > MAX_RUNES) {
            return "value length must be at most " + MAX_RUNES + " runes";
        }
        if (!rule.matcher(value).matches()) {
            return "value does not match regex pattern \"" + rule.pattern() + "\"";
        }
        return null;
    }

    public static boolean isValid(String id, Pattern rule) {
        return violation(id, rule) == null;
    }

    /**
     * Validates an ID found at {@code dottedField} (e.g. {@code user_ids.user_id}); throws the
     * {@code pkg/errors:validation} chain TTS's validators produce.
     */
    public static void validate(String dottedField, String id, Pattern rule) {
        String reason = violation(id, rule);
        if (reason != null) {
            throw Validation.invalid(dottedField, reason);
        }
    }

    /** {@link #validate} with the user ID rule. */
    public static void validateUserId(String dottedField, String userId) {
        validate(dottedField, userId, USER_ID);
    }

    /**
     * The user ID in the {@code user_ids} of a request message ({@code GetUserAPIKeyRequest}, say): TTS's
     * validator names both messages in the chain ({@code ...RequestValidationError}, {@code UserIdentifiersValidationError}).
     */
    public static void validateUserIds(String requestMessage, String userId) {
        String reason = violation(userId, USER_ID);
        if (reason != null) {
            throw Validation.chain(List.of(new Step("user_ids", requestMessage), new Step("user_id", "UserIdentifiers")), reason);
        }
    }

    /**
     * A request that is a bare UserIdentifiers (Delete, Restore, Purge, ListRights, RequestValidation):
     * {@code pkg/ttnpb:identifiers} whose cause is the UserIdentifiers validation error (API.md §1.4 step 3).
     */
    public static void validateBareUserId(String userId) {
        String reason = violation(userId, USER_ID);
        if (reason != null) {
            throw Validation.invalidIdentifiers(Validation.chain(List.of(new Step("user_id", "UserIdentifiers")), reason));
        }
    }
}
