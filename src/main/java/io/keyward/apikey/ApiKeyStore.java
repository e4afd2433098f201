package io.keyward.apikey;

import io.keyward.rights.CredentialOwner;
import io.keyward.user.UserEntity;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The queries on API keys: UserAccess's, and the look-ups other packages need (authentication, AuthInfo). */
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

    /** Every key of the user with this ID (deleted or not). */
    public List<ApiKeyEntity> allOf(String userId) {
        return em.createQuery("SELECT k FROM ApiKeyEntity k, UserEntity u WHERE u.userId = :id AND k.userPk = u.id",
                ApiKeyEntity.class).setParameter("id", userId).getResultList();
    }

    /** The key with this ID if the user with this ID (deleted or not) owns it. */
    public ApiKeyEntity findOf(String userId, String keyId) {
        List<ApiKeyEntity> found = em.createQuery(
                        "SELECT k FROM ApiKeyEntity k, UserEntity u WHERE k.keyId = :kid AND k.userPk = u.id AND u.userId = :uid",
                        ApiKeyEntity.class)
                .setParameter("kid", keyId)
                .setParameter("uid", userId)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * A page of the owner's keys in the order of ListAPIKeys ({@code api_key_id}, {@code name}, {@code created_at},
     * {@code expires_at}, each optionally with a leading {@code -}); ties broken by key ID in the same direction.
     */
    public Page<ApiKeyEntity> page(long ownerPk, String order, Paging paging) {
        long total = em.createQuery("SELECT COUNT(k) FROM ApiKeyEntity k WHERE k.userPk = :pk", Long.class)
                .setParameter("pk", ownerPk).getSingleResult();
        boolean desc = order.startsWith("-");
        String field = switch (order.isEmpty() ? "api_key_id" : order.substring(desc ? 1 : 0)) {
            case "name" -> "k.name";
            case "created_at" -> "k.createdAt";
            case "expires_at" -> "k.expiresAt";
            default -> "k.keyId";
        };
        String dir = desc ? " DESC" : " ASC";
        String orderBy = field.equals("k.keyId") ? field + dir : field + dir + ", k.keyId" + dir;
        List<ApiKeyEntity> keys = em.createQuery("SELECT k FROM ApiKeyEntity k WHERE k.userPk = :pk ORDER BY " + orderBy,
                        ApiKeyEntity.class)
                .setParameter("pk", ownerPk)
                .setFirstResult((int) Math.min(paging.offset(), Integer.MAX_VALUE))
                .setMaxResults(paging.limit())
                .getResultList();
        return new Page<>(keys, total);
    }

    public void insert(ApiKeyEntity key) {
        em.persist(key);
        em.flush();
    }

    public void remove(ApiKeyEntity key) {
        em.remove(key);
        em.flush();
    }

    public void flush() {
        em.flush();
    }
}
