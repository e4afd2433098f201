package io.keyward.authn;

import io.keyward.rights.CredentialRevoked;
import io.keyward.user.UserCredentialsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Keeps credentials honest after changes. {@link UserCredentialsChanged}: deletes the user's OAuth
 * tokens in the same transaction when asked to (UpdatePassword with revoke_all_access, ...) and drops
 * the user's cached credentials. {@link CredentialRevoked}: drops one cached key or token. Cache entries
 * are dropped both at once and after the transaction ends, so that no request re-caches the old state
 * in between on this node.
 */
@ApplicationScoped
public class CredentialEvents {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    CredentialResolver cache;

    void revokeTokens(@Observes(during = TransactionPhase.IN_PROGRESS) UserCredentialsChanged event) {
        if (event.revokeAccessTokens()) {
            em.createNativeQuery("DELETE FROM access_tokens WHERE user_pk IN (SELECT id FROM users WHERE user_id = ?)")
                    .setParameter(1, event.userId())
                    .executeUpdate();
        }
        cache.evictUser(event.userId());
    }

    void userChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserCredentialsChanged event) {
        cache.evictUser(event.userId());
    }

    void revoked(@Observes(during = TransactionPhase.IN_PROGRESS) CredentialRevoked event) {
        cache.evictCredential(event.credentialId());
    }

    void revokedAfter(@Observes(during = TransactionPhase.AFTER_COMPLETION) CredentialRevoked event) {
        cache.evictCredential(event.credentialId());
    }
}
