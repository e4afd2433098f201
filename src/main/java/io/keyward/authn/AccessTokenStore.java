package io.keyward.authn;

import io.keyward.user.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The queries on OAuth access/refresh pairs (table access_tokens). No rules and no transactions of its own:
 * {@link OAuthService}, {@link UserSessions} and the credential checks call it inside theirs. A pair's
 * family is the token ID of the sign-in it descends from; rows from before families existed have none
 * and are their own family, hence the {@code OR a.tokenId = :f}.
 */
@ApplicationScoped
public class AccessTokenStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** A pair with its user, read together for a refresh. */
    public record WithUser(AccessTokenEntity token, UserEntity user) {
    }

    public AccessTokenEntity find(String tokenId) {
        List<AccessTokenEntity> tokens = em.createQuery("SELECT a FROM AccessTokenEntity a WHERE a.tokenId = :id",
                AccessTokenEntity.class).setParameter("id", tokenId).getResultList();
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    /** The pair and its user in one query; null if there is no such pair. */
    public WithUser findWithUser(String tokenId) {
        List<Object[]> rows = em.createQuery(
                        "SELECT a, u FROM AccessTokenEntity a, UserEntity u WHERE a.tokenId = :id AND u.id = a.userPk", Object[].class)
                .setParameter("id", tokenId).getResultList();
        return rows.isEmpty() ? null : new WithUser((AccessTokenEntity) rows.get(0)[0], (UserEntity) rows.get(0)[1]);
    }

    public void insert(AccessTokenEntity token) {
        em.persist(token);
    }

    /**
     * Marks the pair refreshed (it stops authenticating at once) if no one else did: 1 if this call won,
     * 0 if the pair was already rotated or is gone. The row lock serialises concurrent redemptions.
     */
    public int markRotated(long id, Instant now) {
        return em.createQuery("UPDATE AccessTokenEntity a SET a.rotatedAt = :now, a.expiresAt = :now"
                        + " WHERE a.id = :id AND a.rotatedAt IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
    }

    /** Deletes the user's pairs that can no longer be refreshed. */
    public void deleteRefreshExpired(long userPk, Instant now) {
        em.createQuery("DELETE FROM AccessTokenEntity a WHERE a.userPk = :pk AND a.refreshExpiresAt < :now")
                .setParameter("pk", userPk).setParameter("now", now).executeUpdate();
    }

    /** Deletes every pair of a family; answers the token IDs deleted, for the credential cache. */
    public List<String> deleteFamily(String familyId) {
        List<String> ids = em.createQuery("SELECT a.tokenId FROM AccessTokenEntity a WHERE a.familyId = :f OR a.tokenId = :f",
                String.class).setParameter("f", familyId).getResultList();
        em.createQuery("DELETE FROM AccessTokenEntity a WHERE a.familyId = :f OR a.tokenId = :f")
                .setParameter("f", familyId).executeUpdate();
        return ids;
    }

    /** Deletes every pair of the user (API keys stay, as in TTS). */
    public void deleteOfUser(String userId) {
        em.createNativeQuery("DELETE FROM access_tokens WHERE user_pk IN (SELECT id FROM users WHERE user_id = ?)")
                .setParameter(1, userId).executeUpdate();
    }
}
