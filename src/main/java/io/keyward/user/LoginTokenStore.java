package io.keyward.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Every query of {@code login_tokens}; called inside the caller's transaction. */
@ApplicationScoped
public class LoginTokenStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** Tokens of the user that are neither used nor expired. */
    long countActive(long userPk, Instant now) {
        return em.createQuery("SELECT COUNT(t) FROM LoginTokenEntity t WHERE t.userPk = :pk AND t.usedAt IS NULL"
                        + " AND t.expiresAt > :now", Long.class)
                .setParameter("pk", userPk).setParameter("now", now).getSingleResult();
    }

    void insert(long userPk, String tokenHash, Instant now, Instant expiresAt) {
        LoginTokenEntity t = new LoginTokenEntity();
        t.setUserPk(userPk);
        t.setTokenHash(tokenHash);
        t.setCreatedAt(now);
        t.setExpiresAt(expiresAt);
        em.persist(t);
    }

    Optional<LoginTokenEntity> byHash(String tokenHash) {
        return em.createQuery("SELECT t FROM LoginTokenEntity t WHERE t.tokenHash = :h", LoginTokenEntity.class)
                .setParameter("h", tokenHash).getResultList().stream().findFirst();
    }

    /** Marks the token used unless someone did first: of concurrent redemptions exactly one gets true. */
    boolean markUsed(long id, Instant now) {
        return em.createQuery("UPDATE LoginTokenEntity t SET t.usedAt = :now WHERE t.id = :id AND t.usedAt IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate() == 1;
    }

    /** Housekeeping: the user's tokens that can no longer be used. */
    void deleteSpent(long userPk, Instant now) {
        em.createQuery("DELETE FROM LoginTokenEntity t WHERE t.userPk = :pk AND (t.usedAt IS NOT NULL OR t.expiresAt <= :now)")
                .setParameter("pk", userPk).setParameter("now", now).executeUpdate();
    }
}
