package io.keyward.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All queries of audit_records. Rows are inserted and, past the retention, deleted; never updated.
 * A CDI bean rather than an EJB: {@link #insert} runs inside every audited change, where a container hop
 * per record showed as 5% of a rename's CPU; the methods that need a transaction of their own say so.
 */
@ApplicationScoped
public class AuditStore {
    /**
     * One statement, sent at once. Persisting the entity cost a rename about 0.25 ms more Java CPU, spent at the
     * commit (JFR, W5): its IDENTITY key needs a second statement (lastval()), and the unit of work carries the
     * new object to the commit. Column order as in {@link #bind}. A named query on {@link AuditEntity}.
     */
    static final String INSERT_QUERY = "Audit.insert";
    static final String INSERT = "INSERT INTO audit_records (occurred_at, action, outcome, actor_kind,"
            + " actor_user_id, actor_credential, client_address, correlation_id, target_type, target_id, details)"
            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** This bean through its proxy: a call on {@code this} is not bound to be intercepted (CDI leaves it open). */
    @Inject
    AuditStore self;

    /** Conditions of a read; null ones are not applied. */
    public record Filter(String targetUserId, String actor, String action, Instant since, Instant until) {
    }

    /**
     * One INSERT in the caller's transaction: the record commits or rolls back with the change. The row's
     * ID stays unknown ({@code e.id} null); {@link #insertKeepingId} is for a caller that shows it. Outside
     * a transaction the record commits on its own.
     */
    public void insert(AuditEntity e) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            self.insertAlone(e);
            return;
        }
        bind(em.createNamedQuery(INSERT_QUERY), e).executeUpdate();
    }

    /** As {@link #insert}, and {@code e.id} is set at the commit (for the SIEM log line, is.audit.log). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void insertKeepingId(AuditEntity e) {
        em.persist(e);
    }

    /** A refused attempt: its record commits on its own, although the refusal rolls back the caller's work. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insertAlone(AuditEntity e) {
        em.persist(e);
    }

    private static Query bind(Query q, AuditEntity e) {
        return q.setParameter(1, Timestamp.from(e.occurredAt)).setParameter(2, e.action).setParameter(3, e.outcome)
                .setParameter(4, e.actorKind).setParameter(5, e.actorUserId).setParameter(6, e.actorCredential)
                .setParameter(7, e.clientAddress).setParameter(8, e.correlationId).setParameter(9, e.targetType)
                .setParameter(10, e.targetId).setParameter(11, e.details);
    }

    /** Newest first. */
    public List<AuditEntity> list(Filter f, int limit, long offset) {
        TypedQuery<AuditEntity> q = query("SELECT r FROM AuditEntity r", f, " ORDER BY r.id DESC", AuditEntity.class);
        return q.setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(limit).getResultList();
    }

    public long count(Filter f) {
        return query("SELECT COUNT(r) FROM AuditEntity r", f, "", Long.class).getSingleResult();
    }

    /**
     * Deletes at most {@code batch} records older than {@code before}, oldest first, in a transaction of its
     * own, so that a large backlog never holds one long transaction; returns how many went.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
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
