package io.keyward.apikey;

import io.keyward.rights.CredentialRevoked;
import io.keyward.user.UserCredentialsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Deletes every API key of a user when a change asks for it ({@link UserCredentialsChanged#revokeApiKeys()},
 * SCIM deactivation), in the raising transaction. Each deletion is announced as DeleteAPIKey's is: this
 * node drops the cached key at once, and PostgreSQL's row trigger tells every other node on commit.
 */
@ApplicationScoped
public class ApiKeyRevocation {
    @Inject
    ApiKeyStore keys;

    @Inject
    Event<CredentialRevoked> revoked;

    void revokeAll(@Observes(during = TransactionPhase.IN_PROGRESS) UserCredentialsChanged event) {
        if (!event.revokeApiKeys()) {
            return;
        }
        for (ApiKeyEntity k : keys.allOf(event.userId())) {
            keys.remove(k);
            revoked.fire(new CredentialRevoked(k.getKeyId()));
        }
    }
}
