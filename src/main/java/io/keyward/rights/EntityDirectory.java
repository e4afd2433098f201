package io.keyward.rights;

import io.keyward.entity.EntityType;

/**
 * What {@link EntityRights} needs to know about the entities of one type, provided by the capability
 * that stores them (a CDI bean; the users capability for {@link EntityType#USER}).
 */
public interface EntityDirectory {
    EntityType type();

    /** Whether the entity exists; a soft-deleted one only with {@code includeDeleted}. */
    boolean exists(String id, boolean includeDeleted);

    /** The owner of a credential, by its ID; null when it does not exist or is deleted. */
    CredentialOwner credentialOwner(String id);

    /**
     * The owner of a credential, by the database key that credentials store for it (e.g.
     * {@code access_tokens.user_pk}); null when it does not exist or is deleted.
     */
    CredentialOwner credentialOwner(long key);
}
