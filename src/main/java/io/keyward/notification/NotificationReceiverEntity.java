package io.keyward.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One receiving user of a notification, with that user's status. */
@Entity
@Table(name = "notification_receivers")
@IdClass(NotificationReceiverEntity.Key.class)
public class NotificationReceiverEntity {
    @Id
    @Column(name = "user_pk", nullable = false, updatable = false)
    private Long userPk;

    @Id
    @Column(name = "notification_id", nullable = false, updatable = false)
    private String notificationId;

    @Column(nullable = false)
    private short status;

    @Column(name = "status_updated_at", nullable = false)
    private Instant statusUpdatedAt;

    /** Copy of the notification's created_at (index order). */
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected NotificationReceiverEntity() {
    }

    NotificationReceiverEntity(Long userPk, String notificationId, Instant createdAt) {
        this.userPk = userPk;
        this.notificationId = notificationId;
        this.status = (short) NotificationStatus.NOTIFICATION_STATUS_UNSEEN.number();
        this.statusUpdatedAt = createdAt;
        this.createdAt = createdAt;
    }

    Long getUserPk() {
        return userPk;
    }

    String getNotificationId() {
        return notificationId;
    }

    NotificationStatus getStatus() {
        return NotificationStatus.ofNumber(status);
    }

    Instant getStatusUpdatedAt() {
        return statusUpdatedAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    /** The composite primary key (user_pk, notification_id). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private Long userPk;
        private String notificationId;

        public Key() {
        }

        public Key(Long userPk, String notificationId) {
            this.userPk = userPk;
            this.notificationId = notificationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userPk, k.userPk) && Objects.equals(notificationId, k.notificationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userPk, notificationId);
        }
    }
}
