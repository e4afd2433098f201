package io.keyward.invitation;

import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The queries on invitations; the registry calls it inside its transaction. */
@ApplicationScoped
public class InvitationStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    boolean existsFor(String email) {
        return !em.createQuery("SELECT i.id FROM InvitationEntity i WHERE i.email = :email", Long.class)
                .setParameter("email", email).setMaxResults(1).getResultList().isEmpty();
    }

    /** Persists and flushes, so that a concurrent Send of the same address fails here on the unique constraint. */
    void insert(InvitationEntity i) {
        em.persist(i);
        em.flush();
    }

    /** Ordered by address (then row), as List shows them. */
    Page<InvitationEntity> page(Paging paging) {
        long total = em.createQuery("SELECT COUNT(i) FROM InvitationEntity i", Long.class).getSingleResult();
        List<InvitationEntity> rows = em.createQuery("SELECT i FROM InvitationEntity i ORDER BY i.email, i.id",
                        InvitationEntity.class)
                .setFirstResult((int) Math.min(paging.offset(), Integer.MAX_VALUE))
                .setMaxResults(paging.limit()).getResultList();
        return new Page<>(rows, total);
    }

    /** Deletes the invitations of this address (case-insensitively); how many there were. */
    int deleteFor(String email) {
        return em.createQuery("DELETE FROM InvitationEntity i WHERE LOWER(i.email) = LOWER(:email)")
                .setParameter("email", email).executeUpdate();
    }

    InvitationEntity findByTokenHash(String tokenHash) {
        List<InvitationEntity> found = em.createQuery(
                        "SELECT i FROM InvitationEntity i WHERE i.tokenHash = :hash", InvitationEntity.class)
                .setParameter("hash", tokenHash).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Marks the invitation accepted unless a concurrent use did first: false then. */
    boolean markAccepted(long id, long userPk, Instant now) {
        return em.createQuery("UPDATE InvitationEntity i SET i.acceptedAt = :now, i.acceptedByUserPk = :user,"
                        + " i.updatedAt = :now WHERE i.id = :id AND i.acceptedAt IS NULL")
                .setParameter("now", now).setParameter("user", userPk).setParameter("id", id).executeUpdate() == 1;
    }
}
