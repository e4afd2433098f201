-- Bulk-seeds bench users u<from>..u<to> (u%06d: at least six digits, u1000000 has seven).
-- psql variables: from, to. Every seeded user has the password "Correct-Horse-1" as a TTS PBKDF2 hash
-- (API.md §9.1 test vector), approved, with a validated address.
INSERT INTO users (user_id, created_at, updated_at, name, description, primary_email_address, active_email,
                   primary_email_address_validated_at, password_hash, password_updated_at, state)
SELECT 'u' || lpad(i::text, greatest(6, length(i::text)), '0'),
       TIMESTAMP '2026-01-01 00:00:00' + i * INTERVAL '1 second',
       TIMESTAMP '2026-01-01 00:00:00' + i * INTERVAL '1 second',
       'Bench User ' || lpad(i::text, greatest(6, length(i::text)), '0'),
       'Seeded for the Keyward benchmark, number ' || i,
       'u' || lpad(i::text, greatest(6, length(i::text)), '0') || '@bench.test',
       'u' || lpad(i::text, greatest(6, length(i::text)), '0') || '@bench.test',
       TIMESTAMP '2026-01-01 00:00:00',
       'PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M',
       TIMESTAMP '2026-01-01 00:00:00',
       1
FROM generate_series(:from, :to) AS i;

INSERT INTO user_attributes (user_pk, attr_key, attr_value)
SELECT id, 'team', 'team-' || (id % 100)
FROM users WHERE user_id ~ '^u[0-9]+$' AND substr(user_id, 2)::int BETWEEN :from AND :to;

-- As autovacuum would soon do on a live table: statistics for the planner, and the visibility map
-- that lets deep list pages be answered from the covering indexes alone (index-only scans).
VACUUM (ANALYZE) users;
VACUUM (ANALYZE) user_attributes;
