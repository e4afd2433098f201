package io.keyward.error;

import java.util.Map;

/** Builds {@code pkg/errors:validation} errors the way TTS's generated validators report them. */
public final class Validation {
    private Validation() {
    }

    /**
     * A failing field. A dotted path ({@code user.ids.user_id}) becomes a chain of errors: each outer
     * level says "embedded message failed validation" and carries the inner one as its cause.
     */
    public static KeywardException invalid(String dottedField, String reason) {
        String[] parts = dottedField.split("\\.");
        KeywardException inner = Errors.VALIDATION.error("field", parts[parts.length - 1], "reason", reason);
        for (int i = parts.length - 2; i >= 0; i--) {
            inner = new KeywardException(Errors.VALIDATION,
                    Map.of("field", parts[i], "reason", "embedded message failed validation"), inner);
        }
        return inner;
    }

    /** For requests that are a bare UserIdentifiers: {@code pkg/ttnpb:identifiers} wrapping the failure. */
    public static KeywardException invalidIdentifiers(KeywardException validation) {
        return Errors.IDENTIFIERS.error().causedBy(validation);
    }
}
