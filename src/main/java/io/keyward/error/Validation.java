package io.keyward.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one builder of {@code pkg/errors:validation} errors, made the way TTS's generated validators
 * report them: a chain from the request message down to the failing field, where each outer level
 * says "embedded message failed validation" and carries the inner one as its cause.
 */
public final class Validation {
    static final String EMBEDDED = "embedded message failed validation";

    private Validation() {
    }

    /**
     * One level of the path to a failing field: the field and, when the validator names it, the
     * message that declares it ({@code UserIdentifiers} gives {@code "name": "UserIdentifiersValidationError"}).
     */
    public record Step(String field, String message) {
    }

    /** The chain for a failure at the end of {@code path}. */
    public static KeywardException chain(List<Step> path, String reason) {
        KeywardException inner = null;
        for (int i = path.size() - 1; i >= 0; i--) {
            Step s = path.get(i);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("field", s.field());
            attributes.put("reason", inner == null ? reason : EMBEDDED);
            if (s.message() != null) {
                attributes.put("name", s.message() + "ValidationError");
            }
            inner = new KeywardException(Errors.VALIDATION, attributes, inner);
        }
        return inner;
    }

    /** A failing field given as a dotted path ({@code user.ids.user_id}), without message names. */
    public static KeywardException invalid(String dottedField, String reason) {
        List<Step> path = new ArrayList<>();
        for (String field : dottedField.split("\\.")) {
            path.add(new Step(field, null));
        }
        return chain(path, reason);
    }

    /** For requests that are a bare UserIdentifiers: {@code pkg/ttnpb:identifiers} wrapping the failure. */
    public static KeywardException invalidIdentifiers(KeywardException validation) {
        return Errors.IDENTIFIERS.error().causedBy(validation);
    }
}
