package io.keyward.error;

import java.util.Map;
import java.util.Set;

/**
 * One entry of the error catalogue: The Things Stack's namespace, name, message format and code.
 * Attributes named in the format are public; {@code extraPublic} lists the other public ones.
 */
public record ErrorDefinition(String namespace, String name, String messageFormat, GrpcCode code,
                              Set<String> extraPublic) {

    public ErrorDefinition(String namespace, String name, String messageFormat, GrpcCode code, String... extraPublic) {
        this(namespace, name, messageFormat, code, Set.of(extraPublic));
    }

    public KeywardException error() {
        return new KeywardException(this, Map.of(), null);
    }

    public KeywardException error(String key, Object value) {
        return new KeywardException(this, Map.of(key, value), null);
    }

    public KeywardException error(String k1, Object v1, String k2, Object v2) {
        return new KeywardException(this, Map.of(k1, v1, k2, v2), null);
    }

    public boolean isPublic(String attribute) {
        return extraPublic.contains(attribute) || messageFormat.contains("{" + attribute + "}");
    }

    /** The message format with the public attributes filled in; the raw format if one is missing. */
    public String format(Map<String, Object> attributes) {
        String out = messageFormat;
        int open = out.indexOf('{');
        while (open >= 0) {
            int close = out.indexOf('}', open);
            if (close < 0) {
                break;
            }
            String key = out.substring(open + 1, close);
            Object value = attributes.get(key);
            if (value == null) {
                return messageFormat;
            }
            String text = String.valueOf(value);
            out = out.substring(0, open) + text + out.substring(close + 1);
            open = out.indexOf('{', open + text.length());
        }
        return out;
    }
}
