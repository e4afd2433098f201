package io.keyward.authn;

import io.keyward.rights.CredentialRevoked;
import io.keyward.user.UserCredentialsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Keeps credentials honest after changes. {@link UserCredentialsChanged}: ends the user's sessions with
 * their OAuth tokens in the same transaction when asked to (UpdatePassword with revoke_all_access, ...) and drops
 * the user's cached credentials. {@link CredentialRevoked}: drops one cached key or token. Cache entries
 * are dropped both at once and after the transaction ends, so that no request re-caches the old state
 * in between on this node.
 */
@ApplicationScoped
public class CredentialEvents {
    @Inject
    UserSessions sessions;

    @Inject
    CredentialResolver cache;

    void revokeTokens(@Observes(during = TransactionPhase.IN_PROGRESS) UserCredentialsChanged event) {
        if (event.revokeAccessTokens()) {
            sessions.endAll(event.userId());
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
