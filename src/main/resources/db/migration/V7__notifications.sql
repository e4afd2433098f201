-- Notifications (API.md §8): stored once, with one receiver row per receiving user that carries the
-- per-user status. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE notifications (
    -- Random UUID, 36 characters, as TTS.
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    created_at         TIMESTAMP(6)  NOT NULL,
    -- What the notification is about: user, application, client, end device, gateway, organization.
    entity_type        VARCHAR(20)   NOT NULL,
    -- The entity's ID (for end devices the device ID; the full identifiers are in entity_ids).
    entity_id          VARCHAR(36)   NOT NULL,
    -- EntityIdentifiers as JSON, stored by value so that it survives the entity.
    entity_ids         VARCHAR(1000) NOT NULL,
    notification_type  VARCHAR(400)  NOT NULL,
    -- google.protobuf.Any as JSON ("@type" first), NULL when the notification has no data.
    data               VARCHAR,
    -- The user who caused it, stored by value; '' when none.
    sender_user_id     VARCHAR(36)   NOT NULL DEFAULT '',
    -- The requested NotificationReceiver relations as comma-separated proto numbers ("1,3").
    receivers          VARCHAR(100)  NOT NULL DEFAULT '',
    email              BOOLEAN       NOT NULL DEFAULT FALSE
);

CREATE TABLE notification_receivers (
    user_pk            BIGINT        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notification_id    VARCHAR(36)   NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    -- NotificationStatus: 0 UNSEEN, 1 SEEN, 2 ARCHIVED.
    status             SMALLINT      NOT NULL DEFAULT 0,
    status_updated_at  TIMESTAMP(6)  NOT NULL,
    -- Copy of notifications.created_at, so that an inbox page is read from one index in order.
    created_at         TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (user_pk, notification_id)
);

-- "A receiver's notifications with status S, newest first" (the console's unseen badge and inbox).
CREATE INDEX notification_receivers_inbox_idx
    ON notification_receivers (user_pk, status, created_at DESC, notification_id DESC);
-- "All of a receiver's notifications, newest first" (no status filter).
CREATE INDEX notification_receivers_all_idx
    ON notification_receivers (user_pk, created_at DESC, notification_id DESC);
-- Cascading deletes of notifications.
CREATE INDEX notification_receivers_notification_idx ON notification_receivers (notification_id);
