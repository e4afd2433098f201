package io.keyward.notification;

import io.keyward.crypto.PasswordHasher;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.notification.NotificationJson.CreateNotification;
import io.keyward.rights.Caller;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.user.NotificationRequest;
import io.keyward.user.UserEntity;
import io.keyward.wire.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** In-container helpers for the notification tests: users with known passwords, events in transactions. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NotificationTestSupport {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Resource
    SessionContext session;

    @Inject
    Event<NotificationRequest> notifications;

    @Inject
    NotificationService service;

    /** An approved user with a validated e-mail address and the given password. */
    public void createUser(String userId, String password, boolean admin) {
        Instant now = Timestamps.now();
        UserEntity u = new UserEntity();
        u.setUserId(userId);
        u.setCreatedAt(now);
        u.setUpdatedAt(now);
        u.setName("Test " + userId);
        u.setPrimaryEmailAddress(userId + "@example.com");
        u.setPrimaryEmailAddressValidatedAt(now);
        u.setPasswordHash(PasswordHasher.hash(password));
        u.setPasswordUpdatedAt(now);
        u.setState((short) State.STATE_APPROVED.number());
        u.setAdmin(admin);
        em.persist(u);
    }

    public void softDelete(String userId) {
        em.createQuery("UPDATE UserEntity u SET u.deletedAt = :now, u.activeEmail = NULL WHERE u.userId = :id")
                .setParameter("now", Timestamps.now()).setParameter("id", userId).executeUpdate();
    }

    /** Fires the event inside a transaction that commits. */
    public void fireAndCommit(NotificationRequest request) {
        notifications.fire(request);
    }

    /** Fires the event inside a transaction that then rolls back, as a failing action would. */
    public void fireAndRollBack(NotificationRequest request) {
        notifications.fire(request);
        session.setRollbackOnly();
    }

    /** Calls Create inside a transaction that rolls back afterwards: nothing it wrote may remain. */
    public String createAndRollBack(CreateNotification request) {
        String id = service.create(request, null);
        session.setRollbackOnly();
        return id;
    }

    public long notificationRows(String entityId) {
        return em.createQuery("SELECT COUNT(n.id) FROM NotificationEntity n WHERE n.entityId = :id", Long.class)
                .setParameter("id", entityId).getSingleResult();
    }

    public long receiverRows(String userId) {
        return em.createQuery("SELECT COUNT(r.notificationId) FROM NotificationReceiverEntity r, UserEntity u"
                        + " WHERE r.userPk = u.id AND u.userId = :id", Long.class)
                .setParameter("id", userId).getSingleResult();
    }

    /** (status, status_updated_at, created_at) of the receiver row. */
    public Object[] receiverRow(String userId, String notificationId) {
        List<NotificationReceiverEntity> rows = em.createQuery("SELECT r FROM NotificationReceiverEntity r, UserEntity u"
                        + " WHERE r.userPk = u.id AND u.userId = :uid AND r.notificationId = :nid",
                        NotificationReceiverEntity.class)
                .setParameter("uid", userId).setParameter("nid", notificationId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        NotificationReceiverEntity r = rows.get(0);
        return new Object[] {r.getStatus(), r.getStatusUpdatedAt(), r.getCreatedAt()};
    }

    /** A caller holding all rights on its own user (like a RIGHT_ALL API key), optionally an admin. */
    public static Caller caller(String userId, boolean admin) {
        Rights rights = Rights.of(Right.RIGHT_ALL).implied();
        return new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user(userId), "test-key", rights,
                admin ? Rights.ADMIN.intersect(rights) : Rights.NONE, admin, State.STATE_APPROVED, "", List.of());
    }

    /** A caller whose credential has only the given rights. */
    public static Caller caller(String userId, Right... rights) {
        return new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user(userId), "test-key", Rights.of(rights).implied(), Rights.NONE, false,
                State.STATE_APPROVED, "", List.of());
    }
}
