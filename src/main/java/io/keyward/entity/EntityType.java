package io.keyward.entity;

import io.keyward.error.ErrorDefinition;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import java.util.List;

/**
 * The kinds of entity that hold rights and own credentials, with the errors The Things Stack answers
 * about each: not found, no rights, insufficient rights. Keyward holds users; a new entity type
 * (organizations, say) adds a constant here and its errors to the catalogue.
 */
public enum EntityType {
    USER("user_ids", "user_id", Errors.USER_NOT_FOUND, Errors.NO_USER_RIGHTS, Errors.INSUFFICIENT_USER_RIGHTS);

    private final String idsField;
    private final String idField;
    private final ErrorDefinition notFound;
    private final ErrorDefinition noRights;
    private final ErrorDefinition insufficientRights;

    EntityType(String idsField, String idField, ErrorDefinition notFound, ErrorDefinition noRights,
               ErrorDefinition insufficientRights) {
        this.idsField = idsField;
        this.idField = idField;
        this.notFound = notFound;
        this.noRights = noRights;
        this.insufficientRights = insufficientRights;
    }

    /** The field of {@code EntityIdentifiers} that holds this type's identifiers, e.g. {@code user_ids}. */
    public String idsField() {
        return idsField;
    }

    /** The ID field inside those identifiers, e.g. {@code user_id}. */
    public String idField() {
        return idField;
    }

    public KeywardException notFound(String id) {
        return notFound.error(idField, id);
    }

    public KeywardException noRights(String id) {
        return noRights.error("uid", id);
    }

    public KeywardException insufficientRights(String id, List<String> missing) {
        return insufficientRights.error("uid", id, "missing", missing);
    }
}
