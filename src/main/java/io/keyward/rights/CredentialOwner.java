package io.keyward.rights;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import java.time.Instant;

/**
 * What turning a credential into a {@link Caller} needs to know about the entity that owns it, whatever
 * its type: the capability that stores the owner provides it.
 *
 * @param ids              the owner
 * @param admin            the owner is flagged admin (counts only in STATE_APPROVED)
 * @param state            the owner's state
 * @param stateDescription why it is in that state (may be null)
 * @param emailValidatedAt when its primary e-mail address was validated; null if never
 */
public record CredentialOwner(EntityIdentifiers ids, boolean admin, State state, String stateDescription,
                              Instant emailValidatedAt) {

    /** The same owner, admin also through another source (an SSO group). */
    public CredentialOwner withAdmin(boolean admin) {
        return new CredentialOwner(ids, admin, state, stateDescription, emailValidatedAt);
    }
}
