package io.keyward.error;

import jakarta.ejb.ApplicationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of the catalogue, raised with its attributes. Rolls back the container transaction and
 * reaches the caller unwrapped; the exception mapper renders it as the TTS error body.
 */
@ApplicationException(rollback = true)
public class KeywardException extends RuntimeException {
    private final ErrorDefinition definition;
    private final Map<String, Object> attributes;
    private final KeywardException detailCause;

    public KeywardException(ErrorDefinition definition, Map<String, Object> attributes, KeywardException cause) {
        super(definition.namespace() + ":" + definition.name(), null, false, false);
        this.definition = definition;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.detailCause = cause;
    }

    public ErrorDefinition definition() {
        return definition;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public KeywardException detailCause() {
        return detailCause;
    }

    public KeywardException with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(attributes);
        copy.put(key, value);
        return new KeywardException(definition, copy, detailCause);
    }

    public KeywardException causedBy(KeywardException cause) {
        return new KeywardException(definition, attributes, cause);
    }

    public boolean is(ErrorDefinition other) {
        return definition.equals(other);
    }

    /** The gRPC message: {@code error:<namespace>:<name> (<formatted message>)}. */
    @Override
    public String getMessage() {
        return "error:" + definition.namespace() + ":" + definition.name() + " (" + definition.format(attributes) + ")";
    }
}
