package io.keyward.apikey;

import io.keyward.rights.CredentialOwner;
import io.keyward.user.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Look-ups of API keys that other packages need (authentication, AuthInfo). */
@ApplicationScoped
public class ApiKeyStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** A key with what authentication needs to know about its owner. */
    public record OwnedKey(ApiKeyEntity key, CredentialOwner owner) {
    }

    /** The key and its owner, in one query; null when the key or its owner is gone (a deleted owner counts as gone). */
    public OwnedKey findWithOwner(String keyId) {
        List<Object[]> rows = em.createQuery(
                        "SELECT k, u FROM ApiKeyEntity k, UserEntity u WHERE k.keyId = :id AND u.id = k.userPk", Object[].class)
                .setParameter("id", keyId).getResultList();
        if (rows.isEmpty() || ((UserEntity) rows.get(0)[1]).getDeletedAt() != null) {
            return null;
        }
        return new OwnedKey((ApiKeyEntity) rows.get(0)[0], ((UserEntity) rows.get(0)[1]).credentialOwner());
    }

    public ApiKeyEntity find(String keyId) {
        List<ApiKeyEntity> keys = em.createQuery("SELECT k FROM ApiKeyEntity k WHERE k.keyId = :id", ApiKeyEntity.class)
                .setParameter("id", keyId).getResultList();
        return keys.isEmpty() ? null : keys.get(0);
    }
}
