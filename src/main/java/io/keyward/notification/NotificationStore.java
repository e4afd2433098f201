package io.keyward.notification;

import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The queries on notifications and their receivers; the service calls it inside its transaction. */
@ApplicationScoped
public class NotificationStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** Stores a notification and one receiver row per user (the notification first: the rows reference it). */
    void insert(NotificationEntity notification, Collection<Long> receiverPks, Instant now) {
        em.persist(notification);
        em.flush();
        for (Long pk : receiverPks) {
            em.persist(new NotificationReceiverEntity(pk, notification.getId(), now));
        }
    }

    /** A receiver's notifications, newest first, with these statuses (none = all). */
    Page<NotificationJson.Listed> page(long receiverPk, Collection<Short> statuses, Paging paging) {
        String filter = statuses.isEmpty() ? "" : " AND r.status IN :statuses";
        TypedQuery<Long> count = em.createQuery(
                "SELECT COUNT(r.notificationId) FROM NotificationReceiverEntity r WHERE r.userPk = :pk" + filter, Long.class)
                .setParameter("pk", receiverPk);
        if (!statuses.isEmpty()) {
            count.setParameter("statuses", statuses);
        }
        long total = count.getSingleResult();
        if (paging.offset() >= total) {
            return Page.empty(total);
        }
        // Plain columns rather than entities: nothing to track for changes, nothing to clone.
        TypedQuery<Object[]> page = em.createQuery(
                "SELECT n.id, n.createdAt, n.entityType, n.entityId, n.entityIds, n.notificationType, n.data,"
                        + " n.senderUserId, n.receivers, n.email, r.status, r.statusUpdatedAt"
                        + " FROM NotificationReceiverEntity r, NotificationEntity n"
                        + " WHERE n.id = r.notificationId AND r.userPk = :pk" + filter
                        + " ORDER BY r.createdAt DESC, r.notificationId DESC", Object[].class)
                .setParameter("pk", receiverPk)
                .setFirstResult((int) Math.min(paging.offset(), Integer.MAX_VALUE))
                .setMaxResults(paging.limit());
        if (!statuses.isEmpty()) {
            page.setParameter("statuses", statuses);
        }
        List<NotificationJson.Listed> rows = new ArrayList<>();
        for (Object[] c : page.getResultList()) {
            rows.add(new NotificationJson.Listed((String) c[0], (Instant) c[1],
                    (String) c[2], (String) c[3], (String) c[4], (String) c[5], (String) c[6], (String) c[7],
                    (String) c[8], (Boolean) c[9], NotificationStatus.ofNumber(((Number) c[10]).intValue()),
                    (Instant) c[11]));
        }
        return new Page<>(rows, total);
    }

    /** Sets the status of the receiver's own rows for these notification IDs; other IDs are left alone. */
    void updateStatus(long receiverPk, Collection<String> notificationIds, short status, Instant now) {
        em.createQuery("UPDATE NotificationReceiverEntity r SET r.status = :status, r.statusUpdatedAt = :now"
                        + " WHERE r.userPk = :pk AND r.notificationId IN :ids")
                .setParameter("status", status)
                .setParameter("now", now)
                .setParameter("pk", receiverPk)
                .setParameter("ids", notificationIds)
                .executeUpdate();
    }
}
