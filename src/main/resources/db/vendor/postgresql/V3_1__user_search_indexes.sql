-- Users at scale (SearchUsers and List over a million rows), PostgreSQL only.
--
-- 1. Case-insensitive "contains" searches: the queries use lower(column) LIKE lower(:term) ESCAPE '\',
--    which trigram GIN indexes on lower(column) serve, so a selective term does not scan the table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX users_user_id_trgm_idx ON users USING gin (lower(user_id) gin_trgm_ops);
CREATE INDEX users_name_trgm_idx ON users USING gin (lower(name) gin_trgm_ops);
CREATE INDEX users_description_trgm_idx ON users USING gin (lower(description) gin_trgm_ops);
CREATE INDEX user_attributes_value_trgm_idx ON user_attributes USING gin (lower(attr_value) gin_trgm_ops);
CREATE INDEX user_attributes_key_idx ON user_attributes (attr_key, user_pk);

-- 2. Ordered pages of active users: a page is first chosen as row IDs, in the list order, from one of
--    these partial covering indexes (an index-only scan, even deep into the list), then loaded by ID.
CREATE INDEX users_active_user_id_idx ON users (user_id) INCLUDE (id) WHERE deleted_at IS NULL;
CREATE INDEX users_active_created_at_idx ON users (created_at, user_id) INCLUDE (id) WHERE deleted_at IS NULL;
CREATE INDEX users_active_name_idx ON users (name, user_id) INCLUDE (id) WHERE deleted_at IS NULL;
CREATE INDEX users_active_email_order_idx ON users (primary_email_address, user_id) INCLUDE (id) WHERE deleted_at IS NULL;
CREATE INDEX users_active_state_idx ON users (state, user_id) INCLUDE (id) WHERE deleted_at IS NULL;
CREATE INDEX users_active_admin_idx ON users (admin, user_id) INCLUDE (id) WHERE deleted_at IS NULL;
-- Soft-deleted users are few: List/Search with deleted=true.
CREATE INDEX users_deleted_idx ON users (deleted_at, user_id) INCLUDE (id) WHERE deleted_at IS NOT NULL;
DROP INDEX IF EXISTS users_created_at_idx;

-- 3. X-Total-Count of an unfiltered list without counting a million rows: the number of active and of
--    deleted users, kept exact by statement-level triggers (one update per statement, also for bulk
--    loads). Filtered searches still count their matches.
CREATE TABLE user_counts (
    deleted BOOLEAN PRIMARY KEY,
    n       BIGINT NOT NULL
);
INSERT INTO user_counts (deleted, n)
SELECT d, (SELECT count(*) FROM users WHERE (deleted_at IS NOT NULL) = d) FROM (VALUES (FALSE), (TRUE)) AS v (d);

CREATE FUNCTION user_counts_apply(delta_active BIGINT, delta_deleted BIGINT) RETURNS void AS $$
BEGIN
    IF delta_active <> 0 THEN
        UPDATE user_counts SET n = n + delta_active WHERE deleted = FALSE;
    END IF;
    IF delta_deleted <> 0 THEN
        UPDATE user_counts SET n = n + delta_deleted WHERE deleted = TRUE;
    END IF;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION user_counts_after_insert() RETURNS trigger AS $$
BEGIN
    PERFORM user_counts_apply(
        (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL),
        (SELECT count(*) FROM new_rows WHERE deleted_at IS NOT NULL));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION user_counts_after_delete() RETURNS trigger AS $$
BEGIN
    PERFORM user_counts_apply(
        -(SELECT count(*) FROM old_rows WHERE deleted_at IS NULL),
        -(SELECT count(*) FROM old_rows WHERE deleted_at IS NOT NULL));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION user_counts_after_update() RETURNS trigger AS $$
BEGIN
    PERFORM user_counts_apply(
        (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL) - (SELECT count(*) FROM old_rows WHERE deleted_at IS NULL),
        (SELECT count(*) FROM new_rows WHERE deleted_at IS NOT NULL) - (SELECT count(*) FROM old_rows WHERE deleted_at IS NOT NULL));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_count_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION user_counts_after_insert();
CREATE TRIGGER users_count_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION user_counts_after_delete();
CREATE TRIGGER users_count_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION user_counts_after_update();
