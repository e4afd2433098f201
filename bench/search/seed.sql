-- Bulk-seeds :users users (psql variable) into a migrated Keyward database, in minutes: secondary
-- indexes are dropped for the load and rebuilt after it (constraint indexes stay). The statement-level
-- triggers keep user_counts exact for the bulk insert too.
\set ON_ERROR_STOP on
\timing on

CREATE TEMP TABLE saved_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname IN ('users', 'user_attributes') AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT name FROM saved_indexes LOOP
        EXECUTE 'DROP INDEX ' || r.name;
    END LOOP;
END
$$;

-- user-0000001 .. : one new user per second from 2024-01-01; 1 % soft-deleted, 5 % requested,
-- 2 % flagged. Names from 40 first names x 100 last names (10 of them end in "son"); descriptions carry a
-- per-user md5, the selective search term.
INSERT INTO users (user_id, created_at, updated_at, deleted_at, name, description, primary_email_address, active_email,
                   primary_email_address_validated_at, password_hash, password_updated_at, require_password_update,
                   state, state_description, admin, temporary_password_hash)
SELECT uid, ts, ts, CASE WHEN i % 100 = 0 THEN ts + interval '1 hour' END,
       (ARRAY['Alice','Bob','Carol','Dave','Eve','Frank','Grace','Heidi','Ivan','Judy','Karl','Laura','Mallory','Niaj',
              'Olivia','Peggy','Quentin','Rupert','Sybil','Trent','Uma','Victor','Walter','Xena','Yusuf','Zoe','Amir',
              'Bea','Chen','Dmitri','Elif','Femi','Gita','Hiro','Ines','Jun','Kofi','Lena','Marta','Nils'])[1 + i % 40]
       || ' ' ||
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez',
              'Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson','Martin',
              'Lee','Perez','Thompson','White','Harris','Sanchez','Clark','Ramirez','Lewis','Robinson',
              'Walker','Young','Allen','King','Wright','Scott','Torres','Nguyen','Hill','Flores',
              'Green','Adams','Nelson','Baker','Hall','Rivera','Campbell','Mitchell','Carter','Roberts',
              'Gomez','Phillips','Evans','Turner','Diaz','Parker','Cruz','Edwards','Collins','Reyes',
              'Stewart','Morris','Morales','Murphy','Cook','Rogers','Gutierrez','Ortiz','Morgan','Cooper',
              'Peterson','Bailey','Reed','Kelly','Howard','Ramos','Kim','Cox','Ward','Richardson',
              'Watson','Brooks','Chavez','Wood','James','Bennett','Gray','Mendoza','Ruiz','Hughes',
              'Price','Alvarez','Castillo','Sanders','Patel','Myers','Long','Ross','Foster','Jimenez'])[1 + (i / 40) % 100],
       'Operator of site ' || md5(i::text),
       uid || '@example.com', CASE WHEN i % 100 = 0 THEN NULL ELSE uid || '@example.com' END,
       ts, 'ARGON2ID$v=19$m=19456,t=2,p=1$c2VlZHNlZWRzZWVkc2VlZA$c2VlZHNlZWRzZWVkc2VlZHNlZWRzZWVkc2VlZHNlZWQ', ts, FALSE,
       CASE WHEN i % 20 = 0 THEN 0 WHEN i % 50 = 1 THEN 3 ELSE 1 END, '', FALSE, ''
FROM generate_series(1, :users) AS g (i),
     LATERAL (SELECT 'user-' || lpad(i::text, 7, '0') AS uid, timestamp '2024-01-01' + i * interval '1 second' AS ts) v;

-- One user in ten has a team and a region attribute.
INSERT INTO user_attributes (user_pk, attr_key, attr_value)
SELECT id, 'team', (ARRAY['rf','ops','billing','support','field'])[1 + (n / 10) % 5] || '-' || (n / 10) % 997
FROM (SELECT id, substr(user_id, 6)::int AS n FROM users WHERE user_id LIKE 'user-%') u WHERE n % 10 = 0;
INSERT INTO user_attributes (user_pk, attr_key, attr_value)
SELECT id, 'region', 'eu-' || (n / 10) % 50
FROM (SELECT id, substr(user_id, 6)::int AS n FROM users WHERE user_id LIKE 'user-%') u WHERE n % 10 = 0;

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT def FROM saved_indexes LOOP
        EXECUTE r.def;
    END LOOP;
END
$$;

VACUUM ANALYZE users;
VACUUM ANALYZE user_attributes;
SELECT * FROM user_counts ORDER BY deleted;
