-- Seeds the notification benchmark (run by run.sh on an empty, migrated keyward_bench_notif):
-- 1,000 users, 1,000,000 notifications with one receiver each; 10,000 of them go to bench-target
-- (8,000 UNSEEN, 1,000 SEEN, 1,000 ARCHIVED), the rest are spread over the other 999 users.
\set ON_ERROR_STOP on
\timing on

BEGIN;
-- The target shares the bootstrap admin's password hash, so run.sh can log in as it with that password.
INSERT INTO users (user_id, created_at, updated_at, name, primary_email_address, active_email,
                   primary_email_address_validated_at, password_hash, password_updated_at, state, admin)
SELECT 'bench-target', now(), now(), 'Bench target', 'bench-target@example.com', 'bench-target@example.com',
       now(), password_hash, now(), 1, FALSE
FROM users WHERE user_id = 'admin';

INSERT INTO users (user_id, created_at, updated_at, name, primary_email_address, active_email, state)
SELECT 'bench-user-' || i, now(), now(), '', 'bench-user-' || i || '@example.com',
       'bench-user-' || i || '@example.com', 1
FROM generate_series(1, 999) AS i;

CREATE TEMPORARY TABLE bench_seed ON COMMIT DROP AS
SELECT i,
       gen_random_uuid()::text AS id,
       -- One notification per second, newest first for i = 1.
       date_trunc('second', now()) - make_interval(secs => i) AS created_at,
       -- Every 100th notification (10,000 in all) is the target's; the others rotate over 999 users.
       CASE WHEN i % 100 = 0 THEN 'bench-target' ELSE 'bench-user-' || (1 + i % 999) END AS receiver
FROM generate_series(1, 1000000) AS i;

INSERT INTO notifications (id, created_at, entity_type, entity_id, entity_ids, notification_type, data,
                           sender_user_id, receivers, email)
SELECT id, created_at, 'user', receiver,
       '{"user_ids":{"user_id":"' || receiver || '"}}',
       'api_key_created',
       '{"@type":"type.googleapis.com/ttn.lorawan.v3.APIKey","id":"KEY' || i || '","name":"key ' || i
           || '","rights":["RIGHT_USER_INFO","RIGHT_USER_NOTIFICATIONS_READ"]}',
       receiver, '3', TRUE
FROM bench_seed;

INSERT INTO notification_receivers (user_pk, notification_id, status, status_updated_at, created_at)
SELECT u.id, s.id,
       CASE WHEN s.receiver <> 'bench-target' THEN (s.i % 3)
            WHEN (s.i / 100) % 10 = 8 THEN 1
            WHEN (s.i / 100) % 10 = 9 THEN 2
            ELSE 0 END,
       s.created_at, s.created_at
FROM bench_seed s JOIN users u ON u.user_id = s.receiver;
COMMIT;

VACUUM ANALYZE users;
VACUUM ANALYZE notifications;
VACUUM ANALYZE notification_receivers;

SELECT r.status, COUNT(*) FROM notification_receivers r JOIN users u ON u.id = r.user_pk
WHERE u.user_id = 'bench-target' GROUP BY r.status ORDER BY r.status;
SELECT COUNT(*) AS notifications FROM notifications;
