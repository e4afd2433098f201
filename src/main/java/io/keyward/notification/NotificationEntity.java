package io.keyward.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notification, stored once for all its receivers. Never leaves the notification package. */
@Entity
@Table(name = "notifications")
public class NotificationEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "entity_type", nullable = false, updatable = false)
    private String entityType;

    @Column(name = "entity_id", nullable = false, updatable = false)
    private String entityId;

    /** EntityIdentifiers as JSON. */
    @Column(name = "entity_ids", nullable = false, updatable = false)
    private String entityIds;

    @Column(name = "notification_type", nullable = false, updatable = false)
    private String notificationType;

    /** The Any as JSON, or null. */
    @Column(updatable = false)
    private String data;

    @Column(name = "sender_user_id", nullable = false, updatable = false)
    private String senderUserId = "";

    @Column(nullable = false, updatable = false)
    private String receivers = "";

    @Column(nullable = false, updatable = false)
    private boolean email;

    protected NotificationEntity() {
    }

    NotificationEntity(String id, Instant createdAt, EntityIds entity, String notificationType, String data,
                       String senderUserId, String receivers, boolean email) {
        this.id = id;
        this.createdAt = createdAt;
        this.entityType = entity.type();
        this.entityId = entity.id();
        this.entityIds = entity.json().toString();
        this.notificationType = notificationType;
        this.data = data;
        this.senderUserId = senderUserId == null ? "" : senderUserId;
        this.receivers = receivers;
        this.email = email;
    }

    String getId() {
        return id;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    String getEntityType() {
        return entityType;
    }

    String getEntityId() {
        return entityId;
    }

    String getEntityIds() {
        return entityIds;
    }

    String getNotificationType() {
        return notificationType;
    }

    String getData() {
        return data;
    }

    String getSenderUserId() {
        return senderUserId;
    }

    String getReceivers() {
        return receivers;
    }

    boolean isEmail() {
        return email;
    }
}
