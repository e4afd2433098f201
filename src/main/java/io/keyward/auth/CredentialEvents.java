package io.keyward.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Reacts to {@link UserCredentialsChanged}: deletes the user's OAuth tokens in the same transaction when
 * asked to (UpdatePassword with revoke_all_access, ...), and drops the user's cached credentials.
 */
@ApplicationScoped
public class CredentialEvents {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    void revokeTokens(@Observes(during = TransactionPhase.IN_PROGRESS) UserCredentialsChanged event) {
        if (event.revokeAccessTokens()) {
            em.createNativeQuery("DELETE FROM access_tokens WHERE user_pk IN (SELECT id FROM users WHERE user_id = ?)")
                    .setParameter(1, event.userId())
                    .executeUpdate();
        }
    }
}
