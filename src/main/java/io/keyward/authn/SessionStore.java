package io.keyward.authn;

import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The queries on user sessions (table user_sessions). No rules and no transactions of its own: the callers
 * run it inside theirs. Deleting a session's token pairs is {@link AccessTokenStore}'s part.
 */
@ApplicationScoped
public class SessionStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** The list orders of ListUserSessions: by session ID unless {@code created_at} is asked for. */
    public enum Order {
        SESSION_ID("s.sessionId ASC"),
        CREATED_AT("s.createdAt ASC, s.sessionId ASC"),
        CREATED_AT_DESC("s.createdAt DESC, s.sessionId DESC");

        private final String jpql;

        Order(String jpql) {
            this.jpql = jpql;
        }
    }

    public void insert(SessionEntity session) {
        em.persist(session);
    }

    /** A page of the user's sessions in this order, with the user's session count. */
    public Page<SessionEntity> page(long userPk, Order order, Paging paging) {
        long total = em.createQuery("SELECT COUNT(s) FROM SessionEntity s WHERE s.userPk = :pk", Long.class)
                .setParameter("pk", userPk).getSingleResult();
        List<SessionEntity> sessions = em.createQuery(
                        "SELECT s FROM SessionEntity s WHERE s.userPk = :pk ORDER BY " + order.jpql, SessionEntity.class)
                .setParameter("pk", userPk)
                .setFirstResult((int) Math.min(paging.offset(), Integer.MAX_VALUE))
                .setMaxResults(paging.limit())
                .getResultList();
        return new Page<>(sessions, total);
    }

    /** The user's session with this ID; null if the user has none such. */
    public SessionEntity find(long userPk, String sessionId) {
        List<SessionEntity> found = em.createQuery(
                        "SELECT s FROM SessionEntity s WHERE s.userPk = :pk AND s.sessionId = :sid", SessionEntity.class)
                .setParameter("pk", userPk).setParameter("sid", sessionId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The ID of a family's session; null if it has none (any more). */
    public String sessionIdOf(String familyId) {
        List<String> ids = em.createQuery("SELECT s.sessionId FROM SessionEntity s WHERE s.familyId = :f", String.class)
                .setParameter("f", familyId).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Deletes the session of a family; 1 if there was one. */
    public int deleteFamily(String familyId) {
        return em.createQuery("DELETE FROM SessionEntity s WHERE s.familyId = :f").setParameter("f", familyId).executeUpdate();
    }

    /** A refresh within the session: it lives on until the new refresh token expires. 0 if the family has no session. */
    public int refreshed(String familyId, Instant now, Instant expiresAt) {
        return em.createQuery("UPDATE SessionEntity s SET s.updatedAt = :now, s.lastUsedAt = :now, s.expiresAt = :exp"
                        + " WHERE s.familyId = :f")
                .setParameter("now", now).setParameter("exp", expiresAt).setParameter("f", familyId).executeUpdate();
    }

    /**
     * Records a use of the pair {@code tokenId} unless its session was marked used since {@code notBefore}:
     * the condition makes the nodes of a cluster write a session's last use at most once per interval
     * between them.
     */
    public int used(String tokenId, Instant now, Instant notBefore) {
        return em.createQuery("UPDATE SessionEntity s SET s.lastUsedAt = :now"
                        + " WHERE s.familyId IN (SELECT COALESCE(a.familyId, a.tokenId) FROM AccessTokenEntity a WHERE a.tokenId = :t)"
                        + " AND (s.lastUsedAt IS NULL OR s.lastUsedAt < :nb)")
                .setParameter("now", now).setParameter("t", tokenId).setParameter("nb", notBefore).executeUpdate();
    }

    /** Deletes the user's sessions whose refresh tokens have all expired. */
    public void deleteExpired(long userPk, Instant now) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.userPk = :pk AND s.expiresAt < :now")
                .setParameter("pk", userPk).setParameter("now", now).executeUpdate();
    }

    /** Deletes every session of the user (its pairs are {@link AccessTokenStore#deleteOfUser}'s). */
    public void deleteOfUser(String userId) {
        em.createNativeQuery("DELETE FROM user_sessions WHERE user_pk IN (SELECT id FROM users WHERE user_id = ?)")
                .setParameter(1, userId).executeUpdate();
    }
}
