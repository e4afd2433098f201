package io.keyward.rights;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.EntityType;
import io.keyward.entity.State;
import java.util.List;

/**
 * Who is calling, as established from the presented credential.
 *
 * @param kind             what kind of credential was presented
 * @param owner            the entity the credential belongs to (today always a user); null for anonymous callers
 * @param credentialId     the API key ID or token ID (never a secret); null if none
 * @param rights           the credential's implied rights after the account-state and e-mail
 *                         restrictions of API.md §2.5 — the caller's rights on its owner
 * @param universal        rights on every entity (admins only, API.md §2.3); {@link Rights#NONE} otherwise
 * @param admin            the owner is an admin in STATE_APPROVED (the only kind of admin that counts)
 * @param state            the owner's state
 * @param stateDescription the owner's state description
 * @param warnings         {@code X-Warning} header values to send with the response
 */
public record Caller(Kind kind, EntityIdentifiers owner, String credentialId, Rights rights, Rights universal,
                     boolean admin, State state, String stateDescription, List<String> warnings) {

    public enum Kind {
        NONE, API_KEY, ACCESS_TOKEN, SSO,
        /** The identity provider's provisioning credential, valid only under {@code /scim/v2}. */
        SCIM
    }

    public static final Caller ANONYMOUS = new Caller(Kind.NONE, null, null, Rights.NONE, Rights.NONE,
            false, null, "", List.of());

    public boolean isAuthenticated() {
        return kind != Kind.NONE;
    }

    /** Whether the credential belongs to {@code ids}. */
    public boolean owns(EntityIdentifiers ids) {
        return owner != null && owner.equals(ids);
    }

    /** The owner's user ID when a user owns the credential, else null: the sender of what the caller does. */
    public String userId() {
        return owner != null && owner.type() == EntityType.USER ? owner.id() : null;
    }
}
