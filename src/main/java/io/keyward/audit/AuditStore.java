package io.keyward.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All queries of audit_records. Rows are inserted and, past the retention, deleted; never updated. */
@Stateless
public class AuditStore {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** Conditions of a read; null ones are not applied. */
    public record Filter(String targetUserId, String actor, String action, Instant since, Instant until) {
    }

    /** One INSERT in the caller's transaction: the record commits or rolls back with the change. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void insert(AuditEntity e) {
        em.persist(e);
    }

    /** A refused attempt: its record commits on its own, although the refusal rolls back the caller's work. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insertAlone(AuditEntity e) {
        em.persist(e);
    }

    /** Newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AuditEntity> list(Filter f, int limit, long offset) {
        TypedQuery<AuditEntity> q = query("SELECT r FROM AuditEntity r", f, " ORDER BY r.id DESC", AuditEntity.class);
        return q.setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(limit).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(Filter f) {
        return query("SELECT COUNT(r) FROM AuditEntity r", f, "", Long.class).getSingleResult();
    }

    /**
     * Deletes at most {@code batch} records older than {@code before}, oldest first, in a transaction of its
     * own, so that a large backlog never holds one long transaction; returns how many went.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purgeBatch(Instant before, int batch) {
        List<Long> ids = em.createQuery("SELECT r.id FROM AuditEntity r WHERE r.occurredAt < :before ORDER BY r.id", Long.class)
                .setParameter("before", before).setMaxResults(batch).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM AuditEntity r WHERE r.id IN :ids").setParameter("ids", ids).executeUpdate();
    }

    private <T> TypedQuery<T> query(String select, Filter f, String order, Class<T> type) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.targetUserId() != null) {
            where.append(" AND r.targetType = 'user' AND r.targetId = :target");
            params.put("target", f.targetUserId());
        }
        if (f.actor() != null) {
            where.append(" AND (r.actorUserId = :actor OR r.actorCredential = :actor)");
            params.put("actor", f.actor());
        }
        if (f.action() != null) {
            where.append(" AND r.action = :action");
            params.put("action", f.action());
        }
        if (f.since() != null) {
            where.append(" AND r.occurredAt >= :since");
            params.put("since", f.since());
        }
        if (f.until() != null) {
            where.append(" AND r.occurredAt < :until");
            params.put("until", f.until());
        }
        String jpql = select + (where.isEmpty() ? "" : " WHERE" + where.substring(4)) + order;
        TypedQuery<T> q = em.createQuery(jpql, type);
        params.forEach(q::setParameter);
        return q;
    }
}
