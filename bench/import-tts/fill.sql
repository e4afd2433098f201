-- Fills a fixture of TTS's identity-server tables (src/test/resources/tts/bunstore-schema.sql) with :n users
-- in a few set-based statements: each user has TTS's password hash of Correct-Horse-1, an attribute and an
-- API key (TTS's hash of API.md §9.1's secret); every tenth user has a notification with its receipt.
INSERT INTO users (id, created_at, updated_at, name, description, primary_email_address,
                   primary_email_address_validated_at, password, password_updated_at, require_password_update, state,
                   state_description, admin)
SELECT md5('u' || i)::uuid, now() - i * interval '1 minute', now(), 'TTS User ' || i, 'user number ' || i,
       'tts' || i || '@bench.test', now(), 'PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M',
       now(), false, 1, '', false
FROM generate_series(1, :n) AS i;

INSERT INTO accounts (uid, account_id, account_type)
SELECT 'tts-' || lpad(i::text, 7, '0'), md5('u' || i)::uuid, 'user' FROM generate_series(1, :n) AS i;

INSERT INTO attributes (entity_id, entity_type, key, value)
SELECT md5('u' || i)::uuid, 'user', 'team', 'team-' || (i % 100) FROM generate_series(1, :n) AS i;

INSERT INTO api_keys (created_at, updated_at, api_key_id, key, rights, name, entity_id, entity_type)
SELECT now(), now(), upper(substr(md5('k' || i) || md5('kk' || i), 1, 39)),
       'PBKDF2$sha256$1000$Zx9_Yw8-Vu7Ts6Rq$fGI0YRdvrUVECy3FPCcKeV-ExJ9imi5EgnWyYlBPbjM', '{14}', 'key ' || i,
       md5('u' || i)::uuid, 'user'
FROM generate_series(1, :n) AS i;

INSERT INTO notifications (id, created_at, entity_type, entity_uid, notification_type, data, sender_uid, receivers, email)
SELECT md5('n' || i)::uuid, now(), 'user', 'tts-' || lpad(i::text, 7, '0'), 'api_key_created',
       '{"@type": "type.googleapis.com/ttn.lorawan.v3.APIKey", "name": "key"}', '', '{1}', false
FROM generate_series(1, :n, 10) AS i;

INSERT INTO notification_receivers (notification_id, receiver_id, status, status_updated_at)
SELECT md5('n' || i)::uuid, md5('u' || i)::uuid, 0, now() FROM generate_series(1, :n, 10) AS i;

ANALYZE;
