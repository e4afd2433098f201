package io.keyward.contactinfo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The queries on e-mail validations; the registry calls it inside its transaction. */
@ApplicationScoped
public class EmailValidationStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** The newest unused, unexpired validation of this address for this user, or null. */
    EmailValidationEntity findOpen(long userPk, String address, Instant now) {
        List<EmailValidationEntity> open = em.createQuery("SELECT v FROM EmailValidationEntity v WHERE v.userPk = :pk"
                        + " AND v.address = :address AND v.usedAt IS NULL AND v.expiresAt > :now ORDER BY v.id DESC",
                        EmailValidationEntity.class)
                .setParameter("pk", userPk).setParameter("address", address).setParameter("now", now)
                .setMaxResults(1).getResultList();
        return open.isEmpty() ? null : open.get(0);
    }

    EmailValidationEntity findByReference(String reference) {
        List<EmailValidationEntity> found = em.createQuery(
                        "SELECT v FROM EmailValidationEntity v WHERE v.reference = :ref", EmailValidationEntity.class)
                .setParameter("ref", reference).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Marks the validation used unless a concurrent Validate did first: false then. */
    boolean markUsed(long id, Instant now) {
        return em.createQuery("UPDATE EmailValidationEntity v SET v.usedAt = :now, v.updatedAt = :now"
                        + " WHERE v.id = :id AND v.usedAt IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate() == 1;
    }

    void insert(EmailValidationEntity v) {
        em.persist(v);
    }

    void flush() {
        em.flush();
    }
}
